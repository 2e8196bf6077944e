import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { ProposalView } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { Tabs } from '../../../../components/Tabs';
import { StaffOnly, type StaffMe } from '../../../../features/catalog/components/StaffOnly';
import { useDecideProposal, useProposals } from '../../../../features/catalog/hooks';
import { FIELD_TEXT, type ContentField } from '../../../../features/catalog/edit-form';
import { formatTime } from '../../../../features/catalog/search';
import { pager } from '../../../../features/staff/paging';
import { messageFor } from '../../../../features/errors/messages';
import styles from '../edit/index.module.scss';
import { a11y } from '../../../../components/a11y';

type Status = 'pending' | 'accepted' | 'rejected';
const STATUS_TEXT: Record<Status, string> = { pending: '待处理', accepted: '已采纳', rejected: '已退回' };

function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (Array.isArray(v)) return v.length ? v.map((x, i) => `${i + 1}. ${String(x)}`).join('  ') : '（空）';
  return String(v);
}

function Decide({ p }: { p: ProposalView }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = useDecideProposal();
  const go = async (decision: 'accept' | 'reject') => {
    setError(null);
    try {
      await decide.mutateAsync({ id: p.id, input: { decision, note: note.trim() } });
    } catch (err) {
      setError(messageFor(err));
    }
  };
  return (
    <View className={styles.decide}>
      <Field label="处理说明（可以不填）" value={note} onChange={setNote} maxlength={300} />
      {error ? <Notice tone="error" title="没有处理成功">{error}</Notice> : null}
      <Button loading={decide.isPending} onClick={() => void go('accept')}>采纳，生成新版本</Button>
      <Button variant="secondary" disabled={decide.isPending} onClick={() => void go('reject')}>退回</Button>
    </View>
  );
}

function Proposal({ p, admin }: { p: ProposalView; admin: boolean }) {
  return (
    <View className={styles.version} {...a11y('listitem')}>
      <Text className={styles.versionTitle}>{`${p.itemName}（${STATUS_TEXT[p.status]}）`}</Text>
      <Text className={styles.versionLine}>{`${p.proposedBy.displayName} · ${formatTime(p.proposedAt)} · 基于第${p.baseVersion}版`}</Text>
      <Text className={styles.versionLine}>{`理由：${p.reason}`}</Text>
      {Object.entries(p.changes).map(([k, v]) => (
        <Text key={k} className={styles.versionLine}>{`改为 ${FIELD_TEXT[k as ContentField] ?? k}：${valueText(v)}`}</Text>
      ))}
      {p.decisionNote ? <Text className={styles.versionLine}>{`处理说明：${p.decisionNote}`}</Text> : null}
      {p.appliedVersion ? <Text className={styles.versionLine}>{`已生成第${p.appliedVersion}版`}</Text> : null}
      {admin && p.status === 'pending' ? <Decide p={p} /> : null}
    </View>
  );
}

function Proposals({ me }: { me: StaffMe }) {
  const admin = me.role === 'district_admin';
  const [status, setStatus] = useState<Status>('pending');
  const [page, setPage] = useState(1);
  const list = useProposals(status, page);
  const data = list.data;
  const view = data ? pager(data.total, data.page, data.pageSize, data.items.length) : null;
  return (
    <PageShell title={admin ? '修改建议' : '我提的修改建议'} intro={admin ? '社区和街道提的修改。采纳后生成新版本，居民马上能查到。' : '区管理员采纳后才会生效。'}>
      <Tabs label="状态" value={status} onChange={(s) => { setStatus(s); setPage(1); }} options={(Object.keys(STATUS_TEXT) as Status[]).map((s) => ({ value: s, label: STATUS_TEXT[s] }))} />
      {list.isPending ? <Notice>正在读取…</Notice> : null}
      {list.isError ? <Notice tone="error" title="没有读出来">{messageFor(list.error)}</Notice> : null}
      {data && data.total === 0 ? <Notice>没有{STATUS_TEXT[status]}的修改建议。</Notice> : null}
      {data && data.items.length ? (
        <View className={styles.history} {...a11y('list')}>
          {data.items.map((p) => <Proposal key={p.id} p={p} admin={admin} />)}
        </View>
      ) : null}
      {view?.hasNext ? <Button variant="secondary" onClick={() => setPage(page + 1)}>下一页</Button> : null}
      {view?.hasPrev ? <Button variant="secondary" onClick={() => setPage(page - 1)}>上一页</Button> : null}
    </PageShell>
  );
}

export default function StaffProposalsPage() {
  return <StaffOnly title="修改建议">{(me) => <Proposals me={me} />}</StaffOnly>;
}
