import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { useState } from 'react';
import { shanghaiDate, type AllowanceApplicationDetailView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { TextArea } from '../../../../components/TextArea';
import { a11y } from '../../../../components/a11y';
import { messageFor } from '../../../../features/errors/messages';
import { param } from '../../../../features/catalog/urls';
import { ResidentGate } from '../../../../features/allowance/components/ResidentGate';
import { AllowanceChecks } from '../../../../features/allowance/components/Checks';
import { CaseLog } from '../../../../components/CaseLog';
import { ACCOUNT_KIND_OPTIONS, buildResubmit, EMPTY_RESUBMIT, lastFourText, type ResubmitForm } from '../../../../features/allowance/apply-form';
import { useAllowanceApplication, useReportAllowanceDeath, useResubmitAllowance, useWithdrawAllowanceConsent } from '../../../../features/allowance/hooks';
import { dayText, monthText, RESIDENT_STATUS_EXPLAIN, statusTone } from '../../../../features/allowance/status';
import { ALLOWANCE_HOME_PAGE, ALLOWANCE_PUBLICITY_PAGE, allowanceUrl } from '../../../../features/allowance/pages';
import styles from '../../../../features/allowance/components/allowance.module.scss';

/** 一次性告知: everything staff asked for, then one form to correct and resubmit */
function Correct({ a }: { a: AllowanceApplicationDetailView }) {
  const resubmit = useResubmitAllowance();
  const [form, setForm] = useState<ResubmitForm>(EMPTY_RESUBMIT);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [done, setDone] = useState(false);
  const set = (change: Partial<ResubmitForm>, field: string) => {
    setForm((f) => ({ ...f, ...change }));
    setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  };
  const send = () => {
    const built = buildResubmit(form);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    resubmit.mutate({ id: a.id, input: built.input }, { onSuccess: () => { setForm(EMPTY_RESUBMIT); setDone(true); } });
  };
  if (done && !a.canResubmit) return <Notice tone="success" title="已重新提交">系统会重新核对，结果会在“消息”里告诉您。</Notice>;
  return (
    <Section title="改正后重新提交">
      <View className={styles.form}>
        <Text className={styles.sub}>只填要改的；没写的保持原样。</Text>
        <Field label="老人的姓名（和户口本一致）" value={form.elderName} maxlength={30} onChange={(v) => set({ elderName: v }, 'elderName')} error={errors.elderName} />
        <OptionGroup label="换一个收款账户：用哪种卡" options={ACCOUNT_KIND_OPTIONS} value={form.accountKind} onChange={(v) => set({ accountKind: v }, 'accountKind')} error={errors.accountKind} />
        <Field label="新的卡号或账号" type="number" value={form.accountNumber} maxlength={40} onChange={(v) => set({ accountNumber: v }, 'accountNumber')} error={errors.accountNumber} />
        <Field label="开户银行（可以不填）" value={form.bankName} maxlength={60} onChange={(v) => set({ bankName: v }, 'bankName')} error={errors.bankName} />
        <Field label="新的联系电话" type="number" value={form.phone} maxlength={20} onChange={(v) => set({ phone: v }, 'phone')} error={errors.phone} />
        <TextArea label="给社区的说明（可以不填）" value={form.note} maxlength={300} onChange={(v) => set({ note: v }, 'note')} error={errors.note} />
        {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
        {resubmit.isError ? <Notice tone="error" title="没有提交成功">{messageFor(resubmit.error)}</Notice> : null}
        <Button loading={resubmit.isPending} onClick={send}>重新提交</Button>
      </View>
    </Section>
  );
}

/** an age-only failure: nothing to correct; once its month has come, the same application goes again as it is */
function SubmitAgain({ a }: { a: AllowanceApplicationDetailView }) {
  const resubmit = useResubmitAllowance();
  return (
    <Section title="现在可以再次提交">
      <Text className={styles.sub}>不用重新填写，系统会再核对一次。</Text>
      {resubmit.isError ? <Notice tone="error" title="没有提交成功">{messageFor(resubmit.error)}</Notice> : null}
      <Button loading={resubmit.isPending} onClick={() => resubmit.mutate({ id: a.id, input: {} })}>再次提交</Button>
    </Section>
  );
}

/** 撤回同意: says plainly what happens before the family confirms it */
function Withdraw({ a }: { a: AllowanceApplicationDetailView }) {
  const withdraw = useWithdrawAllowanceConsent();
  const [asking, setAsking] = useState(false);
  const approved = a.status === 'approved';
  const effect = approved
    ? '撤回后，从下个月起不再发放高龄津贴，已经发的不受影响。以后想恢复发放，要到社区办理。'
    : '撤回后，这份申请马上停止办理，老人的信息不再用于这件事。以后想申请，可以重新提交。';
  return (
    <Section title={approved ? '不想再领了' : '不想办了'}>
      {asking ? null : <Text className={styles.sub}>{`可以撤回同意使用老人信息。${effect}`}</Text>}
      {withdraw.isError ? <Notice tone="error" title="没有撤回成功">{messageFor(withdraw.error)}</Notice> : null}
      {asking ? (
        <>
          <Notice tone="error" title="确定要撤回同意吗？">{effect}</Notice>
          <Button variant="danger" loading={withdraw.isPending} onClick={() => withdraw.mutate(a.id)}>确定撤回</Button>
          <Button variant="secondary" onClick={() => setAsking(false)}>不撤回了</Button>
        </>
      ) : (
        <Button variant="secondary" onClick={() => setAsking(true)}>撤回同意</Button>
      )}
    </Section>
  );
}

/** 报告老人去世: careful words; a date, then the community confirms it */
function ReportDeath({ a }: { a: AllowanceApplicationDetailView }) {
  const report = useReportAllowanceDeath();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | undefined>();
  const today = shanghaiDate(new Date());
  if (a.deathReport?.state === 'reported') return null; // said at the top of the page
  const effect = a.status === 'approved'
    ? '社区核实后会记录下来，报区民政部门；发放按民政的户籍登记办理。'
    : '社区核实后，这份申请会停止办理。';
  if (!open) {
    return (
      <Section title="家里老人去世了">
        <Text className={styles.sub}>{`很抱歉。如果老人已经去世，可以在这里告诉社区。${effect}`}</Text>
        <Button variant="secondary" onClick={() => setOpen(true)}>告诉社区老人已去世</Button>
      </Section>
    );
  }
  const send = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setError('请写成 2026-05-01 这样的日期，或点“用日历选”');
    if (date > today) return setError('日期不能晚于今天');
    report.mutate({ id: a.id, diedOn: date });
  };
  return (
    <Section title="家里老人去世了">
      <Text className={styles.sub}>{effect}</Text>
      <Field label="老人去世的日期" value={date} maxlength={10} hint="写成 2026-05-01 这样，或点下面的“用日历选”" onChange={(v) => { setDate(v.trim()); setError(undefined); }} error={error} />
      <Picker mode="date" value={date || today} end={today} onChange={(e) => { setDate(String(e.detail.value)); setError(undefined); }}>
        <Button variant="link">用日历选</Button>
      </Picker>
      {report.isError ? <Notice tone="error" title="没有告诉成功">{messageFor(report.error)}</Notice> : null}
      <Button loading={report.isPending} onClick={send}>告诉社区</Button>
      <Button variant="secondary" onClick={() => setOpen(false)}>先不说</Button>
    </Section>
  );
}

function Status({ id, created }: { id: string; created: boolean }) {
  const app = useAllowanceApplication(id);
  useDidShow(() => {
    if (app.data) void app.refetch();
  });
  if (!id) return <Notice tone="error" title="没有指明是哪份申请">请回到高龄津贴页面查看。</Notice>;
  if (app.isPending) return <Notice>正在读取…</Notice>;
  if (!app.data) {
    return (
      <>
        <Notice tone="error" title="这份申请打不开">{messageFor(app.error)}</Notice>
        <Button variant="secondary" onClick={() => void Taro.redirectTo({ url: ALLOWANCE_HOME_PAGE })}>回高龄津贴</Button>
      </>
    );
  }
  const a = app.data;
  const failed = a.checks.filter((c) => c.result === 'failed');
  // only the age failed: nothing to correct, it only had to wait for its month
  const ageOnly = a.status === 'check_failed' && failed.length > 0 && failed.every((c) => c.kind === 'age');
  const rows: [string, string][] = [
    ['老人', `${a.elderName}（身份证 ${a.elderIdMasked}）`],
    ['谁提交的', a.submittedByText],
    ...(a.bracket ? [['档次', `${a.bracket.label}，每月${a.bracket.monthlyCny}元`] as [string, string]] : []),
    ['收款账户', `${a.account.kindText}，${lastFourText(a.account.masked)}`],
    ['联系电话', a.phoneMasked],
    ...(a.publicity ? [['公示时间', `${dayText(a.publicity.startsOn)}到${dayText(a.publicity.endsOn)}`] as [string, string]] : []),
    ...(a.firstPaidMonth ? [['从哪个月开始发', monthText(a.firstPaidMonth)] as [string, string]] : []),
    ...(a.owner ? [['负责的工作人员', `${a.owner.name}（${a.owner.post}）`] as [string, string]] : []),
  ];
  return (
    <>
      {created ? <Notice tone="success" title="申请已提交">{a.status === 'checking' || a.status === 'waiting' ? '系统正在自动核对，每一步都会在“消息”里告诉您。' : '以后每一步都会在“消息”里告诉您。'}</Notice> : null}
      <Notice tone={statusTone(a.status)} title={`状态：${a.statusText}`}>{RESIDENT_STATUS_EXPLAIN[a.status]}</Notice>
      {a.deathReport?.state === 'reported' ? (
        <Notice title="已告诉社区，等社区核实">{`很抱歉。您告诉社区老人于${dayText(a.deathReport.diedOn)}去世。社区工作人员核实后会记录下来，这期间不用再做什么。`}</Notice>
      ) : null}
      {failed.length > 0 ? <Notice tone="error" title="没有通过的核对">{failed.map((c) => `${c.label}：${c.sentence}`).join('；')}</Notice> : null}
      {a.rejectReason ? <Notice tone="error" title="没有通过的原因">{a.rejectReason}</Notice> : null}
      {a.nextStep ? <Notice title={a.consentWithdrawnAt ? '已撤回同意' : '接下来怎么办'}>{a.nextStep}</Notice> : null}
      {a.missingItems.length > 0 ? (
        <Section title="需要补充这些（一次列全）">
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
      {a.checks.length > 0 ? (
        <Section title="自动核对">
          <AllowanceChecks checks={a.checks} />
        </Section>
      ) : null}
      {a.canResubmit ? (ageOnly ? <SubmitAgain a={a} /> : <Correct a={a} />) : null}
      {a.status === 'approved' && a.familyMemberId ? <Button onClick={() => void Taro.navigateTo({ url: allowanceUrl('/subpackages/allowance-pay/pages/payments/index', { memberId: a.familyMemberId }) })}>看每月发放情况</Button> : null}
      {a.status === 'publicity' && a.communityCode ? (
        <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: allowanceUrl(ALLOWANCE_PUBLICITY_PAGE, { code: a.communityCode }) })}>看社区公示名单</Button>
      ) : null}
      {a.timeline.length > 0 ? (
        <Section title="办理经过">
          <CaseLog entries={a.timeline} label="办理经过" />
        </Section>
      ) : null}
      {!['rejected', 'closed'].includes(a.status) && a.deathReport?.state !== 'confirmed' ? <ReportDeath a={a} /> : null}
      {a.canWithdrawConsent ? <Withdraw a={a} /> : null}
      <Button variant="secondary" onClick={() => void Taro.redirectTo({ url: ALLOWANCE_HOME_PAGE })}>回高龄津贴</Button>
    </>
  );
}

/** one application: its status in words, each automatic check's sentence, what is missing, and what happened */
export default function AllowanceStatusPage() {
  const params = Taro.getCurrentInstance().router?.params ?? {};
  return (
    <ResidentGate title="申请进度">
      <PageShell title="申请进度">
        <Status id={param(params.id)} created={!!params.created} />
      </PageShell>
    </ResidentGate>
  );
}
