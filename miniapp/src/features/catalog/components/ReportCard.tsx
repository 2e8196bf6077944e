import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { DEMAND_STATUS_TEXT, type DemandReportView, type DemandStatus } from '@jianban/shared';
import { formatDay, formatTime } from '../search';
import styles from './report.module.scss';
import { a11y } from '../../../components/a11y';

const STATUS_CLASS: Record<DemandStatus, string> = {
  received: styles.received,
  reviewing: styles.reviewing,
  resolved: styles.resolved,
  dismissed: styles.dismissed,
};

/** one demand report: what, where, when, its status in words, and the district's reply */
export function ReportCard({ r, who, children }: { r: DemandReportView; who?: string; children?: ReactNode }) {
  return (
    <View className={styles.card} {...a11y('listitem')}>
      <View className={styles.head}>
        <Text className={styles.title}>{r.item.name}</Text>
        <Text className={`${styles.status} ${STATUS_CLASS[r.status]}`}>{DEMAND_STATUS_TEXT[r.status]}</Text>
      </View>
      <Text className={styles.line}>{`地点：${r.place ?? r.community?.name ?? '—'}`}</Text>
      <Text className={styles.line}>{`日期：${formatDay(r.happenedOn)}`}</Text>
      {r.note ? <Text className={styles.line}>{`${who ? '居民说' : '您说'}：${r.note}`}</Text> : null}
      {r.staffNote ? <Text className={styles.reply}>{`区里回复：${r.staffNote}`}</Text> : null}
      <Text className={styles.meta}>{`${who ? `${who} · ` : ''}提交于 ${formatTime(r.createdAt)}`}</Text>
      {children}
    </View>
  );
}

