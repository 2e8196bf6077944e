import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { IN_PERSON_TEXT, IN_PERSON_UNKNOWN_TEXT, type CentreView, type InPersonRule } from '@jianban/shared';
import { Button } from '../../components/Button';
import { a11y } from '../../components/a11y';
import { dialNumber, NO_ADDRESS_NO_PHONE_TEXT, NO_ADDRESS_TEXT, NO_PHONE_TEXT, openingHoursLines, webMapUrl } from './centre';
import styles from './CentreInfo.module.scss';

const H5 = process.env.TARO_ENV === 'h5';

/**
 * Where the community's centre is and how to reach it: name, address, opening hours in words, the phone as a call
 * (Taro.makePhoneCall on weapp, a tel: link on H5) and the map (Taro.openLocation on weapp, a 高德 web map link on H5).
 * What the community has not filled in is said plainly; nothing is guessed.
 */
export function CentreInfo({ centre, name, inPerson }: { centre: CentreView; name: string; /** the booked item's rule; undefined = not about one item */ inPerson?: InPersonRule | null }) {
  const row = (key: string, body: JSX.Element) => (
    <View className={styles.row}>
      <Text className={styles.key}>{key}</Text>
      {body}
    </View>
  );
  const hours = openingHoursLines(centre.openingHours);
  const missingAddress = centre.phone ? NO_ADDRESS_TEXT : NO_ADDRESS_NO_PHONE_TEXT;
  // accessible names begin with the visible text (WCAG 2.5.3), then say where it goes
  const mapLabel = `在地图上看位置：${name}`;
  return (
    <View className={styles.card} {...a11y('group', { label: '服务中心地址和电话' })}>
      {row('地点', <Text className={styles.value}>{name}</Text>)}
      {inPerson !== undefined
        ? row('本人要不要来', inPerson ? <Text className={styles.value}>{IN_PERSON_TEXT[inPerson]}</Text> : <Text className={styles.missing}>{IN_PERSON_UNKNOWN_TEXT}</Text>)
        : null}
      {row('地址', centre.address ? <Text className={styles.value}>{centre.address}</Text> : <Text className={styles.missing}>{missingAddress}</Text>)}
      {row('开放时间', <View>{hours.map((l) => <Text key={l} className={styles.line}>{l}</Text>)}</View>)}
      {/* with a number, the call button shows it (once); without, say so */}
      {centre.phone ? null : row('电话', <Text className={styles.missing}>{NO_PHONE_TEXT}</Text>)}
      {centre.phone || centre.location ? (
        <View className={styles.actions}>
          {centre.phone
            ? H5
              ? <a className={styles.link} href={`tel:${dialNumber(centre.phone)}`}>{`打电话 ${centre.phone}`}</a>
              : <Button variant="secondary" onClick={() => void Taro.makePhoneCall({ phoneNumber: dialNumber(centre.phone!) }).catch(() => undefined)}>{`打电话 ${centre.phone}`}</Button>
            : null}
          {centre.location
            ? H5
              ? <a className={styles.link} href={webMapUrl(centre.location, name)} target="_blank" rel="noopener noreferrer" aria-label={`${mapLabel}（在新页面打开高德地图）`}>在地图上看位置</a>
              : (
                <Button
                  variant="secondary"
                  a11yLabel={mapLabel}
                  onClick={() => void Taro.openLocation({ latitude: centre.location!.latitude, longitude: centre.location!.longitude, name, address: centre.address ?? '', scale: 17 }).catch(() => undefined)}
                >
                  在地图上看位置
                </Button>
              )
            : null}
        </View>
      ) : null}
    </View>
  );
}
