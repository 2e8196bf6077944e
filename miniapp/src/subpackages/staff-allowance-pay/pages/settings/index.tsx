import { useEffect, useState } from 'react';
import type { PaymentSettingsView } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { QueryState } from '../../../../components/QueryState';
import { messageFor } from '../../../../features/errors/messages';
import { StaffGate } from '../../../../features/allowance/components/StaffGate';
import { usePaymentSettings, useUpdatePaymentSettings } from '../../../../features/allowance-pay/hooks';
import { buildSettingsInput, settingsFormOf, type SettingsForm } from '../../../../features/allowance-pay/staff';
import { InfoRows } from '../../../../features/allowance-pay/components/InfoRows';

const PERIODS = [
  { value: 'monthly' as const, label: '按月发放（每月出发放名单）' },
  { value: 'quarterly' as const, label: '按季度发放（3、6、9、12月出名单，发整个季度）' },
];
const BRACKET_CHANGES = [
  { value: 'birthday_month' as const, label: '满90、100周岁的当月起按新档次发' },
  { value: 'month_after' as const, label: '满90、100周岁的次月起按新档次发' },
];
const CONFIRM = [
  { value: 'no' as const, label: '还没确认，先按默认值用（页面上会一直提醒）' },
  { value: 'yes' as const, label: '已确认这些是荆州区自己的规定' },
];

function SettingsFormView({ s }: { s: PaymentSettingsView }) {
  const save = useUpdatePaymentSettings();
  const [form, setForm] = useState<SettingsForm>(() => settingsFormOf(s));
  const [errors, setErrors] = useState<Partial<Record<keyof SettingsForm, string>>>({});
  useEffect(() => setForm(settingsFormOf(s)), [s]);
  const set = (change: Partial<SettingsForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setErrors({});
  };
  const send = () => {
    const built = buildSettingsInput(form);
    if (!built.ok) return setErrors(built.errors);
    save.mutate(built.input);
  };
  return (
    <>
      {s.isDefault ? <Notice tone="soon" title="这些是默认值，还没有经荆州区确认">{s.note}</Notice> : <Notice tone="success" title="区里已确认">{s.note}</Notice>}
      <InfoRows rows={[['现在', `${s.periodText}；${s.bracketChangeText}`], ['补发上限', s.arrearsCapMonths === null ? '不限' : `最多补发${s.arrearsCapMonths}个月`], ['发放日', `名单月份的下个月${s.payDay}日前后`], ['复核暂停比例上限', `${s.reverifyHoldPercent}%`]]} />
      <OptionGroup label="多久发一次" options={PERIODS} value={form.period} onChange={(v) => set({ period: v })} />
      <Field label="补发最多几个月（不限就空着）" type="number" value={form.cap} maxlength={3} onChange={(v) => set({ cap: v })} error={errors.cap} />
      <OptionGroup label="升档从哪个月起" options={BRACKET_CHANGES} value={form.bracketChange} onChange={(v) => set({ bracketChange: v })} />
      <Field label="银行每月几号发（1—28）" type="number" value={form.payDay} maxlength={2} onChange={(v) => set({ payDay: v })} error={errors.payDay} />
      <Field label="复核时暂停超过百分之几要先批准" value={form.hold} maxlength={4} onChange={(v) => set({ hold: v })} error={errors.hold} />
      <OptionGroup label="是否已确认" options={CONFIRM} value={form.confirmed} onChange={(v) => set({ confirmed: v })} />
      {save.isError ? <Notice tone="error" title="没有保存">{messageFor(save.error)}</Notice> : null}
      {save.isSuccess ? <Notice tone="success" title="已保存">以后的核算和发放按新的设置。</Notice> : null}
      <Button loading={save.isPending} onClick={send}>保存</Button>
    </>
  );
}

function Settings() {
  const q = usePaymentSettings();
  return (
    <PageShell title="高龄津贴：发放设置" intro="荆州区的发放周期、补发上限和升档月份还没有公开文件可查，这里先用默认值，区里确认后改。">
      {q.data ? <SettingsFormView s={q.data} /> : <QueryState query={q} loading="正在读取设置…" errorTitle="设置没有读出来" />}
    </PageShell>
  );
}

export default function StaffPaySettingsPage() {
  return (
    <StaffGate title="高龄津贴：发放设置" roles={['district_admin']}>
      <Settings />
    </StaffGate>
  );
}
