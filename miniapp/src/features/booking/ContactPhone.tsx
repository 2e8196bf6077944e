import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { a11y } from '../../components/a11y';
import { messageFor } from '../errors/messages';
import { revealBookingPhone } from './staff-calls';
import styles from './ContactPhone.module.scss';

/**
 * The family's phone in the staff booking detail: masked until staff press 查看完整号码 (each reveal is recorded with
 * who and when), then the full number, a call link on H5 and a call on WeChat.
 */
export function ContactPhone({ bookingId, masked }: { bookingId: string; masked: string | null }) {
  const [phone, setPhone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!masked) {
    return (
      <View className={styles.box}>
        <Text className={styles.key}>家属电话</Text>
        <Text className={styles.value}>预约时没有留电话</Text>
      </View>
    );
  }
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setPhone(await revealBookingPhone(bookingId));
    } catch (err) {
      setError(messageFor(err, { NOT_FOUND: '这个预约没有留电话' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={styles.box}>
      <Text className={styles.key}>家属电话（家属预约时同意工作人员联系）</Text>
      {phone ? (
        process.env.TARO_ENV === 'h5' ? (
          <a className={styles.call} href={`tel:${phone}`}>
            <Text>{`${phone}（点击拨打）`}</Text>
          </a>
        ) : (
          <View className={styles.call} onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })} {...a11y('button', { label: `拨打 ${phone}` })}>
            <Text>{`${phone}（点击拨打）`}</Text>
          </View>
        )
      ) : (
        <>
          <Text className={styles.value}>{masked}</Text>
          <Text className={styles.hint}>查看完整号码会留下记录（谁、什么时候看的）。</Text>
          {error ? <Text className={styles.error} {...a11y('alert')}>{error}</Text> : null}
          <Button variant="secondary" loading={busy} onClick={() => void reveal()}>查看完整号码</Button>
        </>
      )}
    </View>
  );
}
