import { useState } from 'react';
import { View } from '@tarojs/components';
import { DEMAND_STATUS_TEXT, demandStatuses, type DemandStatus, type StaffDemandReportView } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { Tabs } from '../../../../components/Tabs';
import { StaffOnly } from '../../../../features/catalog/components/StaffOnly';
import { ReportCard } from '../../../../features/catalog/components/ReportCard';
import { useDemandQueue, useUpdateDemandStatus } from '../../../../features/catalog/hooks';
import { pager } from '../../../../features/staff/paging';
import { messageFor } from '../../../../features/errors/messages';
import { issuesByField } from '../../../../services/api-error';
import styles from '../../../../features/catalog/components/report.module.scss';
import { a11y } from '../../../../components/a11y';

type Filter = DemandStatus | 'all';

function Handle({ r, onClose }: { r: StaffDemandReportView; onClose: () => void }) {
  const [status, setStatus] = useState<DemandStatus | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ status?: string; note?: string }>({});
  const [general, setGeneral] = useState<string | null>(null);
  const update = useUpdateDemandStatus();
  const save = async () => {
    const found: typeof errors = {};
    if (!status) found.status = '请选择新的状态';
    if (!note.trim()) found.note = '请写明处理说明，居民会看到';
    setErrors(found);
    setGeneral(null);
    if (!status || Object.keys(found).length) return;
    try {
      await update.mutateAsync({ id: r.id, input: { newStatus: status, note: note.trim() } });
      onClose();
    } catch (err) {
      setErrors({ note: issuesByField(err, ['note'] as const).fields.note });
      setGeneral(messageFor(err));
    }
  };
  return (
    <View className={styles.handle}>
      <OptionGroup
        label="改成什么状态？"
        options={demandStatuses.filter((s) => s !== r.status).map((s) => ({ value: s, label: DEMAND_STATUS_TEXT[s] }))}
        value={status}
        onChange={setStatus}
        error={errors.status}
      />
      <Field label="处理说明（居民会看到）" value={note} onChange={setNote} maxlength={500} error={errors.note} placeholder="比如：已联系银行，不再要求这张证明" />
      {general ? <Notice tone="error" title="没有保存">{general}</Notice> : null}
      <Button loading={update.isPending} onClick={() => void save()}>保存</Button>
      <Button variant="secondary" disabled={update.isPending} onClick={onClose}>取消</Button>
    </View>
  );
}

function Queue() {
  const [filter, setFilter] = useState<Filter>('received');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const queue = useDemandQueue(filter === 'all' ? '' : filter, page);
  const data = queue.data;
  const view = data ? pager(data.total, data.page, data.pageSize, data.items.length) : null;
  const options: { value: Filter; label: string }[] = [...demandStatuses.map((s) => ({ value: s as Filter, label: DEMAND_STATUS_TEXT[s] })), { value: 'all', label: '全部' }];
  return (
    <PageShell title="居民反映" intro="居民反映有人要他们开社区不再开具的证明。核实后改状态并写说明，居民在“我的反映”里能看到。">
      <Tabs label="状态" value={filter} onChange={(f) => { setFilter(f); setPage(1); setOpen(null); }} options={options} />
      {queue.isPending ? <Notice>正在读取…</Notice> : null}
      {queue.isError ? <Notice tone="error" title="没有读出来">{messageFor(queue.error)}</Notice> : null}
      {data && data.total === 0 ? <Notice>这里没有反映。</Notice> : null}
      {data && data.items.length ? (
        <View className={styles.list} {...a11y('list')}>
          {data.items.map((r) => (
            <ReportCard key={r.id} r={r} who={r.reporter.displayName}>
              {open === r.id ? (
                <Handle r={r} onClose={() => setOpen(null)} />
              ) : (
                <Button variant="secondary" a11yLabel={`处理 ${r.item.name}`} onClick={() => setOpen(r.id)}>
                  处理
                </Button>
              )}
            </ReportCard>
          ))}
        </View>
      ) : null}
      {view?.hasNext ? <Button variant="secondary" onClick={() => setPage(page + 1)}>下一页</Button> : null}
      {view?.hasPrev ? <Button variant="secondary" onClick={() => setPage(page - 1)}>上一页</Button> : null}
    </PageShell>
  );
}

export default function StaffReportsPage() {
  return <StaffOnly title="居民反映" roles={['district_admin']}>{() => <Queue />}</StaffOnly>;
}
