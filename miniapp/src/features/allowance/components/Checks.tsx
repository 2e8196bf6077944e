import { View, Text } from '@tarojs/components';
import type { AllowanceCheckView, StaffAllowanceCheckView } from '@jianban/shared';
import { a11y } from '../../../components/a11y';
import { instantText } from '../../booking/format';
import { CHECK_MARK } from '../status';
import { evidenceLines } from '../evidence';
import styles from './allowance.module.scss';

/** each automatic check as one plain sentence, with its result in words (not colour alone) */
export function AllowanceChecks({ checks, withEvidence }: { checks: readonly (AllowanceCheckView | StaffAllowanceCheckView)[]; withEvidence?: boolean }) {
  if (checks.length === 0) return null;
  return (
    <View className={styles.card} {...a11y('list', { label: '自动核对' })}>
      {checks.map((c) => (
        <View key={c.kind} className={styles.check} {...a11y('listitem')}>
          <View className={styles.checkHead}>
            <Text className={styles.checkLabel}>{c.label}</Text>
            <Text className={styles[c.result]}>{CHECK_MARK[c.result]}</Text>
          </View>
          <Text className={styles.text}>{c.sentence}</Text>
          {withEvidence && 'evidence' in c ? (
            <View className={styles.evidence}>
              {evidenceLines(c.evidence).map((line) => (
                <Text key={line} className={styles.fact}>{line}</Text>
              ))}
              <Text className={styles.fact}>{`核对时间：${instantText(c.checkedAt)}`}</Text>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
