import { View, Text } from '@tarojs/components';
import { a11y } from '../a11y';
import { caseLogLine, caseLogTime, isInternal, type AnyCaseLogEntry } from '../../features/cases/case-log';
import styles from './index.module.scss';

/**
 * 办理记录 of a case (a booking, an allowance application …), one row a step, oldest first. The same component serves
 * the resident's page (their view has no internal steps) and the staff page (internal steps carry a 仅工作人员可见 tag).
 */
export function CaseLog({ entries, label = '办理记录' }: { entries: readonly AnyCaseLogEntry[]; label?: string }) {
  return (
    <View className={styles.log} {...a11y('list', { label })}>
      {entries.map((e) => (
        <View key={e.id} className={styles.row} {...a11y('listitem')}>
          <Text className={styles.time}>{caseLogTime(e)}</Text>
          <Text className={styles.text}>{caseLogLine(e)}</Text>
          {isInternal(e) ? <Text className={styles.internal}>仅工作人员可见</Text> : null}
        </View>
      ))}
    </View>
  );
}
