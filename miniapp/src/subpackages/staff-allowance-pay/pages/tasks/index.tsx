import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PAY_TASK_KIND_TEXT, type CandidateView, type PayTaskView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Tabs } from '../../../../components/Tabs';
import { TextArea } from '../../../../components/TextArea';
import { QueryState } from '../../../../components/QueryState';
import { Cell, CellGroup } from '../../../../components/Cell';
import { messageFor } from '../../../../features/errors/messages';
import { useStaffCommunity } from '../../../../features/booking/staff-community';
import { ChangeCommunity, StaffCommunityPicker } from '../../../../features/booking/StaffCommunityPicker';
import { useCommunityPayTasks, useEnrolmentCandidates, useResolvePayTask, useUpdateCandidate, type TaskTab } from '../../../../features/allowance-pay/hooks';
import { monthText } from '../../../../features/allowance-pay/format';
import { STAFF_PAY_RECIPIENT_PAGE } from '../../../../features/allowance-pay/pages';
import { allowanceUrl } from '../../../../features/allowance/pages';

const TABS: { value: TaskTab; label: string }[] = [
  { value: 'payment_failed', label: '发放失败' },
  { value: 'overpayment', label: '追缴' },
  { value: 'candidate', label: '免申即享' },
  { value: 'all', label: '全部待办' },
];
const INTRO: Record<TaskTab, string> = {
  payment_failed: '银行没有发成功的老人：请联系家属核对账户，改好后下一次发放时补发。',
  overpayment: '去世后多发的津贴：请和家属商量退回，态度要体谅。',
  candidate: '已满或下个月满80周岁、还没有领取也没有申请的老人：请联系家属，在小程序里确认就能领取。',
  deceased: '户籍记录显示去世的老人：请慰问家属。',
  registry_flag: '户籍数据需要核实的领取人：核实前不会停发。',
  all: '社区所有没办完的津贴待办。',
};

function ResolveTask({ task, onDone }: { task: PayTaskView; onDone: () => void }) {
  const resolve = useResolvePayTask();
  const [text, setText] = useState('');
  return (
    <Section title={`处理：${task.elderName}`}>
      <Notice>{task.text}</Notice>
      <TextArea label="处理结果（例如：已电话联系女儿，卡号已改）" value={text} maxlength={300} onChange={setText} />
      {resolve.isError ? <Notice tone="error" title="没有记下">{messageFor(resolve.error)}</Notice> : null}
      <Button disabled={!text.trim()} loading={resolve.isPending} onClick={() => resolve.mutate({ id: task.id, resolution: text.trim() }, { onSuccess: onDone })}>记下处理结果</Button>
      {task.recipientId ? (
        <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: allowanceUrl(STAFF_PAY_RECIPIENT_PAGE, { id: task.recipientId }) })}>看这位老人的发放记录</Button>
      ) : null}
      <Button variant="link" onClick={onDone}>先不处理</Button>
    </Section>
  );
}

function Tasks({ code, kind }: { code: string; kind: TaskTab }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<PayTaskView | null>(null);
  const list = useCommunityPayTasks(code, kind, page);
  if (open) return <ResolveTask task={open} onDone={() => setOpen(null)} />;
  if (!list.data || list.data.total === 0) return <QueryState query={list} loading="正在读取待办…" errorTitle="待办没有读出来" empty={list.data?.total === 0} emptyTitle="没有待办" />;
  return (
    <>
      <Notice>{`共 ${list.data.total} 件`}</Notice>
      <CellGroup>
        {list.data.items.map((t) => (
          <Cell key={t.id} title={`${t.elderName}（${t.elderIdMasked}）`} description={kind === 'all' ? `${PAY_TASK_KIND_TEXT[t.kind]}：${t.text}` : t.text} extra="处理" onClick={() => setOpen(t)} />
        ))}
      </CellGroup>
      {list.data.page * list.data.pageSize < list.data.total ? <Button variant="secondary" onClick={() => setPage(page + 1)}>下一页</Button> : null}
      {page > 1 ? <Button variant="secondary" onClick={() => setPage(page - 1)}>上一页</Button> : null}
    </>
  );
}

function Contact({ c, onDone }: { c: CandidateView; onDone: () => void }) {
  const update = useUpdateCandidate();
  const [note, setNote] = useState('');
  const send = (status: 'contacted' | 'declined') => update.mutate({ id: c.id, status, note: note.trim() }, { onSuccess: onDone });
  return (
    <Section title={`联系家属：${c.elderName}`}>
      <Notice>{`${c.age}岁，${monthText(c.eligibleMonth)}起可以领取。家属在小程序“高龄津贴”里确认同意和收款账户就行，不用交证明。`}</Notice>
      <TextArea label="联系情况（例如：已电话告诉儿子，他会在小程序里确认）" value={note} maxlength={300} onChange={setNote} />
      {update.isError ? <Notice tone="error" title="没有记下">{messageFor(update.error)}</Notice> : null}
      <Button disabled={!note.trim()} loading={update.isPending} onClick={() => send('contacted')}>已联系家属</Button>
      <Button variant="secondary" disabled={!note.trim()} loading={update.isPending} onClick={() => send('declined')}>家属暂不申请</Button>
      <Button variant="link" onClick={onDone}>返回名单</Button>
    </Section>
  );
}

function Candidates({ code }: { code: string }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<CandidateView | null>(null);
  const list = useEnrolmentCandidates(code, page, true);
  if (open) return <Contact c={open} onDone={() => setOpen(null)} />;
  if (!list.data || list.data.total === 0) return <QueryState query={list} loading="正在读取名单…" errorTitle="名单没有读出来" empty={list.data?.total === 0} emptyTitle="现在没有要联系的老人" />;
  return (
    <>
      <Notice>{`共 ${list.data.total} 位`}</Notice>
      <CellGroup>
        {list.data.items.map((c) => (
          <Cell key={c.id} title={`${c.elderName}（${c.elderIdMasked}）`} description={`${c.age}岁，${monthText(c.eligibleMonth)}起可以领取`} extra={c.statusText} onClick={() => setOpen(c)} />
        ))}
      </CellGroup>
      {list.data.page * list.data.pageSize < list.data.total ? <Button variant="secondary" onClick={() => setPage(page + 1)}>下一页</Button> : null}
      {page > 1 ? <Button variant="secondary" onClick={() => setPage(page - 1)}>上一页</Button> : null}
    </>
  );
}

/** the community's allowance to-do lists: failed payments, 追缴, 免申即享 candidates to contact */
export default function StaffPayTasksPage() {
  const { community, choices, loading, pick, isStaff } = useStaffCommunity();
  const asked = Taro.getCurrentInstance().router?.params?.kind;
  const [kind, setKind] = useState<TaskTab>(TABS.find((t) => t.value === asked)?.value ?? 'payment_failed');
  const title = '高龄津贴待办';
  if (!isStaff) return <PageShell title={title}><Notice tone="error" title="只有工作人员能看">请先用“工作人员登录”。</Notice></PageShell>;
  if (!community) return <PageShell title={title}><StaffCommunityPicker choices={choices} loading={loading} onPick={pick} /></PageShell>;
  return (
    <PageShell title={`${title} · ${community.name}`} intro={INTRO[kind]}>
      <Tabs label="看哪类待办" options={TABS} value={kind} onChange={setKind} />
      {kind === 'candidate' ? <Candidates key={community.code} code={community.code} /> : <Tasks key={`${community.code}-${kind}`} code={community.code} kind={kind} />}
      <ChangeCommunity show={choices.length > 1} onChange={() => pick(null)} />
    </PageShell>
  );
}
