import { View, Text } from '@tarojs/components';
import { setElderMode, useSession } from '../../services/session';
import styles from './index.module.scss';
import { a11y } from '../a11y';

export function ElderSwitch() {
  const { elder, elderChoice } = useSession();
  const why = elderChoice === null && elder ? '（已按微信大字体自动开启）' : '';
  return (
    <View
      className={styles.row}
      onClick={() => setElderMode(!elder)}
      {...a11y('switch', { checked: elder, label: '长辈模式（大字）' })}
    >
      <View className={styles.main}>
        <Text className={styles.title}>长辈模式（大字）</Text>
        <Text className={styles.desc}>
          {elder ? `已开启，字更大、按钮更大${why}` : '已关闭，点这里把字放大'}
        </Text>
      </View>
      <View className={`${styles.toggle}${elder ? ` ${styles.on}` : ''}`}>
        <Text className={styles.state}>{elder ? '开' : '关'}</Text>
      </View>
    </View>
  );
}
