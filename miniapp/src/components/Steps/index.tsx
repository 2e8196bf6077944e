import { View, Text } from '@tarojs/components';
import styles from './index.module.scss';

/** what to do, as numbered steps (第1步 …), each on its own card row */
export function Steps({ steps, label = '怎么办' }: { steps: readonly string[]; label?: string }) {
  return (
    <View className={styles.steps} {...({ role: 'list', 'aria-label': label } as object)}>
      {steps.map((s, i) => (
        <View key={i} className={styles.step} {...({ role: 'listitem' } as object)}>
          <View className={styles.number} aria-hidden>
            <Text className={styles.numberText}>{i + 1}</Text>
          </View>
          <Text className={styles.text}>{s}</Text>
        </View>
      ))}
    </View>
  );
}
