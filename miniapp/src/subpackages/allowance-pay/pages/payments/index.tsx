import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { FamilyPaymentsView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { QueryState } from '../../../../components/QueryState';
import { messageFor } from '../../../../features/errors/messages';
import { param } from '../../../../features/catalog/urls';
import { ResidentGate } from '../../../../features/allowance/components/ResidentGate';
import { ACCOUNT_KIND_OPTIONS } from '../../../../features/allowance/apply-form';
import { ALLOWANCE_HOME_PAGE } from '../../../../features/allowance/pages';
import { useFamilyPayments, useUpdatePaymentAccount } from '../../../../features/allowance-pay/hooks';
import { buildAccountFix, failedSummary, summaryRows } from '../../../../features/allowance-pay/payments';
import { monthText } from '../../../../features/allowance-pay/format';
import { MonthRows } from '../../../../features/allowance-pay/components/MonthRows';
import { InfoRows } from '../../../../features/allowance-pay/components/InfoRows';

/** what the family is told once the new account is saved (retried months, or none) */
function AccountSaved({ retryMonths }: { retryMonths: string[] }) {
  const months = retryMonths.map(monthText).join('、');
  return <Notice tone="success" title="收款账户已改好">{months ? `${months}的津贴会在下一次发放时补发。` : '以后的津贴发到新账户。'}</Notice>;
}

/** after a failed payment: the family corrects the account in the elder's name; the failed months follow in the next roster */
function FixAccount({ memberId, onSaved }: { memberId: string; onSaved: (retryMonths: string[]) => void }) {
  const update = useUpdatePaymentAccount(memberId);
  const [form, setForm] = useState({ kind: '', number: '', bankName: '' });
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const set = (change: Partial<typeof form>, field: string) => {
    setForm((f) => ({ ...f, ...change }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const send = () => {
    const built = buildAccountFix(form);
    if (!built.ok) return setErrors(built.errors);
    update.mutate(built.account, { onSuccess: (saved) => onSaved(saved.retryMonths) });
  };
  return (
    <Section title="改正收款账户">
      <Notice>账户要在老人本人名下。改好后，没发成功的月份会在下一次发放时一起补发。</Notice>
      <OptionGroup label="用哪种卡收钱" options={ACCOUNT_KIND_OPTIONS} value={form.kind} onChange={(v) => set({ kind: v }, 'kind')} error={errors.kind} />
      <Field label="新的卡号或账号" type="number" value={form.number} maxlength={40} onChange={(v) => set({ number: v }, 'number')} error={errors.number} />
      <Field label="开户银行（可以不填）" value={form.bankName} maxlength={60} onChange={(v) => set({ bankName: v }, 'bankName')} error={errors.bankName} />
      {update.isError ? <Notice tone="error" title="没有改成功">{messageFor(update.error)}</Notice> : null}
      <Button loading={update.isPending} onClick={send}>保存新账户</Button>
    </Section>
  );
}

function Payments({ v, memberId }: { v: FamilyPaymentsView; memberId: string }) {
  const failed = failedSummary(v);
  // kept here, not in the form: once saved, the refreshed months are no longer failed and the form goes away
  const [saved, setSaved] = useState<string[] | null>(null);
  return (
    <>
      {v.suspension ? (
        <Notice tone="error" title={`从${monthText(v.suspension.since)}起暂停发放`}>{`${v.suspension.reason}。${v.suspension.whatToDo}`}</Notice>
      ) : null}
      {failed ? <Notice tone="error" title="有没发成功的月份">{failed}</Notice> : null}
      <InfoRows rows={summaryRows(v)} />
      <Section title="每月发放情况">
        {v.months.length === 0 ? <Notice>还没有发放记录。开始发放后，每个月的情况都会列在这里。</Notice> : <MonthRows months={v.months} />}
      </Section>
      {saved ? <AccountSaved retryMonths={saved} /> : failed ? <FixAccount memberId={memberId} onSaved={setSaved} /> : null}
      <Notice>每月发放后会在“消息”里告诉您；没发成功或暂停时，还会发微信提醒。</Notice>
    </>
  );
}

function FamilyPayments({ memberId }: { memberId: string }) {
  const q = useFamilyPayments(memberId);
  useDidShow(() => {
    if (q.data) void q.refetch();
  });
  if (!memberId) return <PageShell title="津贴发放情况"><Notice tone="error" title="没有指明是哪位老人">请从高龄津贴页面进入。</Notice></PageShell>;
  if (!q.data) return <PageShell title="津贴发放情况"><QueryState query={q} loading="正在读取发放情况…" errorTitle="发放情况没有读出来" /></PageShell>;
  return (
    <PageShell title={`${q.data.elderName}的高龄津贴`} intro="每个月发没发、发了多少，都在这里。">
      <Payments v={q.data} memberId={memberId} />
      <Button variant="secondary" onClick={() => void Taro.redirectTo({ url: ALLOWANCE_HOME_PAGE })}>回高龄津贴</Button>
    </PageShell>
  );
}

/** the family's view of one elder's allowance: each month paid / waiting / failed (why, what to do) / back-paid */
export default function AllowancePaymentsPage() {
  const params = Taro.getCurrentInstance().router?.params ?? {};
  const memberId = param(params.memberId);
  return (
    <ResidentGate title="津贴发放情况">
      <FamilyPayments memberId={memberId} />
    </ResidentGate>
  );
}
