import { View, Text } from '@tarojs/components';
import styles from './pay.module.scss';

/** label / value pairs in a card */
export function InfoRows({ rows }: { rows: readonly [string, string][] }) {
  return (
    <View className={styles.card}>
      {rows.map(([k, v]) => (
        <View key={k} className={styles.row}>
          <Text className={styles.key}>{k}</Text>
          <Text className={styles.value}>{v}</Text>
        </View>
      ))}
    </View>
  );
}
