import { View, Text } from '@tarojs/components';
import type { CaseLogEntry, StaffCaseLogEntry } from '@jianban/shared';
import { a11y } from '../../../components/a11y';
import { instantText } from '../../booking/format';
import styles from './allowance.module.scss';

type Entry = CaseLogEntry | StaffCaseLogEntry;

/**
 * What happened to an application, oldest first: the case kit's log entries. Local to the allowance for now with the
 * case kit's <CaseLog> props (entries, label) and wording, so switching to <CaseLog> is a change of import.
 */
export function AllowanceTimeline({ entries, label = '办理经过' }: { entries: readonly Entry[]; label?: string }) {
  if (entries.length === 0) return null;
  return (
    <View className={styles.list} {...a11y('list', { label })}>
      {entries.map((e) => (
        <View key={e.id} className={styles.entry} {...a11y('listitem')}>
          <Text className={styles.sub}>{instantText(e.at)}</Text>
          <Text className={styles.item}>{`${e.actorName}：${e.actionText}${e.note ? `（${e.note}）` : ''}`}</Text>
          {'internal' in e && e.internal ? <Text className={styles.sub}>仅工作人员可见</Text> : null}
        </View>
      ))}
    </View>
  );
}
