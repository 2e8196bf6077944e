import { View, Text } from '@tarojs/components';
import type { FamilyPaymentMonthView } from '@jianban/shared';
import { a11y } from '../../../components/a11y';
import { monthRow } from '../payments';
import styles from './pay.module.scss';

/** the months, newest first: month, amount, state in words (with a mark, not colour alone), then why and what to do */
export function MonthRows({ months }: { months: readonly FamilyPaymentMonthView[] }) {
  return (
    <View className={styles.months} {...a11y('list', { label: '每月发放情况' })}>
      {months.map((m) => {
        const r = monthRow(m);
        return (
          <View key={r.key} className={`${styles.month} ${styles[r.tone]}`} {...a11y('listitem')}>
            <View className={styles.monthHead}>
              <Text className={styles.monthTitle}>{r.title}</Text>
              <Text className={styles.amount}>{r.amount}</Text>
            </View>
            <Text className={`${styles.chip} ${styles[r.tone]}`}>{r.chip}</Text>
            {r.lines.map((l) => (
              <Text key={l} className={styles.line}>{l}</Text>
            ))}
          </View>
        );
      })}
    </View>
  );
}
