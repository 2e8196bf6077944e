import { View, Text } from '@tarojs/components';
import type { AllowanceBracketView } from '@jianban/shared';
import { a11y } from '../../../components/a11y';
import styles from './allowance.module.scss';

/** the brackets as "80—89岁  每月50元" rows */
export function BracketList({ brackets }: { brackets: readonly AllowanceBracketView[] }) {
  return (
    <View className={styles.card} {...a11y('list', { label: '每月领多少' })}>
      {brackets.map((b) => (
        <View key={b.minAge} className={styles.row} {...a11y('listitem')}>
          <Text className={styles.key}>{b.label}</Text>
          <Text className={styles.value}>{`每月${b.monthlyCny}元`}</Text>
        </View>
      ))}
    </View>
  );
}
