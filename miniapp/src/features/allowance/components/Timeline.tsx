import { View, Text } from '@tarojs/components';
import type { AllowanceTimelineEntryView } from '@jianban/shared';
import { a11y } from '../../../components/a11y';
import { instantText } from '../../booking/format';
import styles from './allowance.module.scss';

/**
 * What happened to an application, oldest first. Local to the allowance for now: when the case kit's shared
 * <CaseLog> lands, this is the one place to switch to it (same shape: when, who, what, note).
 */
export function AllowanceTimeline({ entries }: { entries: readonly AllowanceTimelineEntryView[] }) {
  if (entries.length === 0) return null;
  return (
    <View className={styles.list} {...a11y('list', { label: '办理经过' })}>
      {entries.map((e) => (
        <View key={e.id} className={styles.entry} {...a11y('listitem')}>
          <Text className={styles.sub}>{instantText(e.at)}</Text>
          <Text className={styles.item}>{`${e.actorName ? `${e.actorName}：` : ''}${e.text}${e.note ? `（${e.note}）` : ''}`}</Text>
        </View>
      ))}
    </View>
  );
}
