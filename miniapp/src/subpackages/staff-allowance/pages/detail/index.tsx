import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import type { StaffAllowanceDetailView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { TextArea } from '../../../../components/TextArea';
import { a11y } from '../../../../components/a11y';
import { useSession } from '../../../../services/session';
import { messageFor } from '../../../../features/errors/messages';
import { param } from '../../../../features/catalog/urls';
import { instantText } from '../../../../features/booking/format';
import { StaffGate } from '../../../../features/allowance/components/StaffGate';
import { AllowanceChecks } from '../../../../features/allowance/components/Checks';
import { CaseLog } from '../../../../components/CaseLog';
import { StepUpPrompt } from '../../../../components/StepUpPrompt';
import { useConfirmAllowanceDeath, useDecideAllowance, useResolveObjection, useRevealAllowanceField, useStaffAllowanceApplication, useTakeAllowance } from '../../../../features/allowance/hooks';
import { buildDecision, dayText, mayDecide, monthText, stageOf, STAGE_TEXT, statusTone, type DecisionKind } from '../../../../features/allowance/status';
import { CONSENT_BASIS_OPTIONS, lastFourText } from '../../../../features/allowance/apply-form';
import styles from '../../../../features/allowance/components/allowance.module.scss';

const DECISIONS: { value: DecisionKind; label: string }[] = [
  { value: 'approve', label: '通过' },
  { value: 'more_info', label: '需要补充信息（一次性告知）' },
  { value: 'reject', label: '不通过' },
];
const DECISION_FIELD: Record<DecisionKind, { label: string; hint: string }> = {
  approve: { label: '备注（可以不填）', hint: '记在办理经过里' },
  more_info: { label: '需要补充的信息', hint: '一行写一项，家属会一次看到全部' },
  reject: { label: '不通过的原因', hint: '家属会看到，请写清楚' },
};

function Decide({ a }: { a: StaffAllowanceDetailView }) {
  const stage = stageOf(a.status);
  const decide = useDecideAllowance();
  const [kind, setKind] = useState<DecisionKind | ''>('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  if (!stage) return null;
  const send = () => {
    if (!kind) {
      setError('请先选通过、补充信息还是不通过');
      return;
    }
    const built = buildDecision(kind, stage, text);
    if (!built.ok) {
      setError(built.error);
      return;
    }
    decide.mutate({ id: a.id, input: built.input }, { onSuccess: () => { setKind(''); setText(''); } });
  };
  return (
    <Section title={`${STAGE_TEXT[stage]}：您的决定`}>
      <View className={styles.form}>
        <OptionGroup label="决定" options={DECISIONS} value={kind} onChange={(v) => { setKind(v); setError(undefined); }} />
        {kind ? <TextArea label={DECISION_FIELD[kind].label} hint={DECISION_FIELD[kind].hint} value={text} maxlength={kind === 'more_info' ? 2000 : 500} onChange={(v) => { setText(v); setError(undefined); }} /> : null}
        {error ? <Notice tone="error">{error}</Notice> : null}
        {decide.isError ? <Notice tone="error" title="没有办成">{messageFor(decide.error)}</Notice> : null}
        <Button loading={decide.isPending} onClick={send}>提交决定</Button>
      </View>
    </Section>
  );
}

function Objections({ a }: { a: StaffAllowanceDetailView }) {
  const resolve = useResolveObjection();
  const [open, setOpen] = useState('');
  const [text, setText] = useState('');
  if (a.objections.length === 0) return null;
  return (
    <Section title="公示异议">
      <View className={styles.card} {...a11y('list', { label: '公示异议' })}>
        {a.objections.map((o) => (
          <View key={o.id} className={styles.row} {...a11y('listitem')}>
            <Text className={styles.sub}>{`${instantText(o.receivedAt)} 收到`}</Text>
            <Text className={styles.text}>{o.reason}</Text>
            {o.resolvedAt ? (
              <Text className={styles.sub}>{`已核实（${instantText(o.resolvedAt)}）：${o.resolution ?? ''}`}</Text>
            ) : open === o.id ? (
              <>
                <TextArea label="核实结果" value={text} maxlength={500} onChange={setText} hint="记在办理经过里" />
                {resolve.isError ? <Notice tone="error" title="没有记上">{messageFor(resolve.error)}</Notice> : null}
                <Button loading={resolve.isPending} onClick={() => text.trim() && resolve.mutate({ id: o.id, resolution: text.trim() }, { onSuccess: () => { setOpen(''); setText(''); } })}>
                  记下核实结果
                </Button>
              </>
            ) : (
              <Button variant="secondary" onClick={() => { setOpen(o.id); setText(''); }}>记录核实结果</Button>
            )}
          </View>
        ))}
      </View>
    </Section>
  );
}

/** the full ID number or account, only with a reason (recorded in the audit log) */
function Reveal({ a }: { a: StaffAllowanceDetailView }) {
  const reveal = useRevealAllowanceField();
  const [field, setField] = useState<'idNumber' | 'account' | ''>('');
  const [reason, setReason] = useState('');
  return (
    <Section title="查看完整号码">
      <View className={styles.form}>
        <OptionGroup label="要看哪一个" options={[{ value: 'idNumber', label: '完整身份证号' }, { value: 'account', label: '完整收款账号' }]} value={field} onChange={(v) => { setField(v); reveal.reset(); }} />
        {field ? <Field label="为什么要看（会记录下来）" value={reason} maxlength={200} onChange={setReason} /> : null}
        {reveal.data ? <Notice title={reveal.data.field === 'idNumber' ? '身份证号' : '收款账号'}>{reveal.data.value}</Notice> : null}
        {reveal.isError ? <Notice tone="error" title="没有查到">{messageFor(reveal.error)}</Notice> : null}
        {field ? <Button variant="secondary" loading={reveal.isPending} onClick={() => reason.trim() && reveal.mutate({ id: a.id, field, reason: reason.trim() })}>查看</Button> : null}
      </View>
    </Section>
  );
}

/** a death the family reported: the community confirms it, or records that it could not */
function DeathReport({ a, mayAnswer }: { a: StaffAllowanceDetailView; mayAnswer: boolean }) {
  const answer = useConfirmAllowanceDeath();
  const [note, setNote] = useState('');
  const r = a.deathReport!;
  const said = `家属报告老人于${dayText(r.diedOn)}去世（${instantText(r.reportedAt)}报告）。`;
  if (r.state === 'confirmed') return <Notice title="已核实老人去世">{`${said}${a.status === 'approved' ? '已记录，报区民政部门；发放以民政户籍数据为准。' : '申请已停止办理。'}`}</Notice>;
  if (r.state === 'not_confirmed') return <Notice title="家属报告的去世未能核实">{`${said}家属可以再次报告。`}</Notice>;
  return (
    <Section title="家属报告老人去世，请核实">
      <Notice tone="error">{`${said}${a.status === 'approved' ? '核实属实的，会记录下来报区民政部门（发放以民政户籍数据为准）。' : '核实属实的，这份申请停止办理。'}核实后家属会收到一条消息，之后不再给家属发这件事的消息。`}</Notice>
      {mayAnswer ? (
        <>
          <TextArea label="核实情况（只有工作人员看得到，可以不填）" value={note} maxlength={300} onChange={setNote} />
          {answer.isError ? <Notice tone="error" title="没有记录成功">{messageFor(answer.error)}</Notice> : null}
          <Button variant="danger" loading={answer.isPending} onClick={() => answer.mutate({ id: a.id, confirmed: true, note: note.trim() || undefined })}>核实属实</Button>
          <Button variant="secondary" disabled={answer.isPending} onClick={() => answer.mutate({ id: a.id, confirmed: false, note: note.trim() || undefined })}>未能核实</Button>
        </>
      ) : null}
    </Section>
  );
}

function Detail({ id }: { id: string }) {
  const { me } = useSession();
  const app = useStaffAllowanceApplication(id);
  const take = useTakeAllowance();
  useDidShow(() => {
    if (app.data) void app.refetch();
  });
  if (!id) return <Notice tone="error" title="没有指明是哪份申请">请回到申请列表重新打开。</Notice>;
  if (app.isPending) return <Notice>正在读取…</Notice>;
  if (!app.data) return <Notice tone="error" title="这份申请打不开">{messageFor(app.error)}</Notice>;
  const a = app.data;
  const canTake = a.status === 'community_review' && !a.owner && me?.kind === 'staff' && me.role !== 'street_reviewer';
  const rows: [string, string][] = [
    ['老人', `${a.elderName}（身份证 ${a.elderIdMasked}）`],
    ['户籍社区', a.communityName ?? '未知'],
    ...(a.bracket ? [['档次', `${a.bracket.label}，每月${a.bracket.monthlyCny}元`] as [string, string]] : []),
    ['收款账户', `${a.account.kindText}，${lastFourText(a.account.masked)}${a.account.bankName ? `（${a.account.bankName}）` : ''}`],
    ['联系电话', a.phoneMasked],
    ['同意', `${CONSENT_BASIS_OPTIONS.find((o) => o.value === a.consent.basis)?.label ?? ''}，${instantText(a.consent.givenAt)}${a.consent.givenBy === 'staff_counter' ? '（窗口当面）' : ''}`],
    ['提交时间', instantText(a.submittedAt)],
    ['谁提交的', a.submittedByText],
    ['负责人（首问负责）', a.owner ? `${a.owner.name}（${a.owner.post}）` : '还没有人接手'],
    ...(a.handler && a.owner && a.handler.staffId !== a.owner.staffId ? [['现在办理的人', `${a.handler.name}（${a.handler.post}）`] as [string, string]] : []),
    ...(a.stageDueAt ? [['本环节期限', `${instantText(a.stageDueAt)}${a.overdue ? '（已超时）' : ''}`] as [string, string]] : []),
    ...(a.publicity ? [['公示时间', `${dayText(a.publicity.startsOn)}到${dayText(a.publicity.endsOn)}`] as [string, string]] : []),
    ...(a.firstPaidMonth ? [['从哪个月开始发', monthText(a.firstPaidMonth)] as [string, string]] : []),
  ];
  return (
    <>
      <Notice tone={statusTone(a.status)} title={`状态：${a.statusText}`}>{a.overdue ? '这个环节已经超过办理期限，请尽快处理。' : undefined}</Notice>
      {a.deceased ? <Notice tone="error" title="老人已去世">已停止给其他家属发消息。请谨慎联系家属。</Notice> : null}
      {a.deathReport ? <DeathReport a={a} mayAnswer={me?.kind === 'staff' && me.role !== 'street_reviewer'} /> : null}
      {a.consent.withdrawnAt ? (
        <Notice tone="error" title={`家属已于${instantText(a.consent.withdrawnAt)}撤回同意`}>
          {a.paymentsStopFrom ? `已批准的津贴从${monthText(a.paymentsStopFrom)}起停发；不要再用老人的信息办理这件事。` : '申请已停止办理，不要再用老人的信息办理这件事。'}
        </Notice>
      ) : null}
      {a.rejectReason ? <Notice tone="error" title="不通过的原因">{a.rejectReason}</Notice> : null}
      {a.missingItems.length > 0 ? (
        <Section title="已告知家属补充">
          <View className={styles.missing} {...a11y('list', { label: '需要补充' })}>
            {a.missingItems.map((m, i) => (
              <Text key={m} className={styles.item} {...a11y('listitem')}>{`${i + 1}. ${m}`}</Text>
            ))}
          </View>
        </Section>
      ) : null}
      <View className={styles.card}>
        {rows.map(([k, v]) => (
          <View key={k} className={styles.row}>
            <Text className={styles.key}>{k}</Text>
            <Text className={styles.value}>{v}</Text>
          </View>
        ))}
      </View>
      {canTake ? (
        <>
          {take.isError ? <Notice tone="error" title="没有接手成功">{messageFor(take.error)}</Notice> : null}
          <Button loading={take.isPending} onClick={() => take.mutate(a.id)}>接手初审（我来负责）</Button>
        </>
      ) : me?.kind === 'staff' && mayDecide(me.role, a.status) ? (
        <Decide a={a} />
      ) : null}
      <Section title="自动核对和依据">
        <AllowanceChecks checks={a.checks} withEvidence />
      </Section>
      <Objections a={a} />
      {a.timeline.length > 0 ? (
        <Section title="办理经过">
          <CaseLog entries={a.timeline} label="办理经过" />
        </Section>
      ) : null}
      <Reveal a={a} />
    </>
  );
}

/** one application for staff: the checks with what the registry said, objections, the decision of this stage */
export default function StaffAllowanceDetailPage() {
  const id = param(Taro.getCurrentInstance().router?.params?.id);
  return (
    <StaffGate title="高龄津贴申请" roles={['community_staff', 'street_reviewer', 'district_admin']}>
      <PageShell title="高龄津贴申请">
        <Detail id={id} />
        <StepUpPrompt />
      </PageShell>
    </StaffGate>
  );
}
