import { View, Text } from '@tarojs/components';
import styles from './index.module.scss';
import { a11y } from '../a11y';

/** what to do, as numbered steps (第1步 …), each on its own card row */
export function Steps({ steps, label = '怎么办' }: { steps: readonly string[]; label?: string }) {
  return (
    <View className={styles.steps} {...a11y('list', { label: label })}>
      {steps.map((s, i) => (
        <View key={i} className={styles.step} {...a11y('listitem')}>
          <View className={styles.number} aria-hidden>
            <Text className={styles.numberText}>{i + 1}</Text>
          </View>
          <Text className={styles.text}>{s}</Text>
        </View>
      ))}
    </View>
  );
}
