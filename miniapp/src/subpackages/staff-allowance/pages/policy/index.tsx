import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { ALLOWANCE_AGE_RULE_TEXT, shanghaiDate, type AllowancePolicyView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { QueryState } from '../../../../components/QueryState';
import { a11y } from '../../../../components/a11y';
import { messageFor } from '../../../../features/errors/messages';
import { StaffGate } from '../../../../features/allowance/components/StaffGate';
import { BracketList } from '../../../../features/allowance/components/BracketList';
import { useAllowancePolicy, useUpdateAllowancePolicy } from '../../../../features/allowance/hooks';
import { buildPolicyInput, policyFormFrom, type BracketRow, type PolicyForm } from '../../../../features/allowance/policy-form';
import { dayText } from '../../../../features/allowance/status';
import styles from '../../../../features/allowance/components/allowance.module.scss';

const AGE_RULES = (Object.keys(ALLOWANCE_AGE_RULE_TEXT) as (keyof typeof ALLOWANCE_AGE_RULE_TEXT)[]).map((v) => ({ value: v, label: ALLOWANCE_AGE_RULE_TEXT[v] }));

function Edit({ policy }: { policy: AllowancePolicyView }) {
  const save = useUpdateAllowancePolicy();
  const [form, setForm] = useState<PolicyForm>(() => policyFormFrom(policy, shanghaiDate(new Date())));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const setRow = (i: number, change: Partial<BracketRow>) => {
    setForm((f) => ({ ...f, brackets: f.brackets.map((b, j) => (j === i ? { ...b, ...change } : b)) }));
    setErrors({});
  };
  const submit = () => {
    const built = buildPolicyInput(form);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    save.mutate(built.input);
  };
  return (
    <Section title="修改（新的一版从生效日期起用）">
      <View className={styles.form}>
        {form.brackets.map((b, i) => (
          <View key={i} className={styles.row} {...a11y('group', { label: `第${i + 1}档` })}>
            <Text className={styles.value}>{`第${i + 1}档`}</Text>
            <Field label="从几岁（含）" type="number" value={b.minAge} maxlength={3} onChange={(v) => setRow(i, { minAge: v })} error={errors[`brackets.${i}.minAge`]} />
            <Field label="到几岁（含；最后一档空着）" type="number" value={b.maxAge} maxlength={3} onChange={(v) => setRow(i, { maxAge: v })} error={errors[`brackets.${i}.maxAge`]} />
            <Field label="每月多少元" type="number" value={b.monthlyCny} maxlength={6} onChange={(v) => setRow(i, { monthlyCny: v })} error={errors[`brackets.${i}.monthlyCny`]} />
          </View>
        ))}
        <OptionGroup label="从什么时候算满80岁" options={AGE_RULES} value={form.ageRule} onChange={(v) => { setForm((f) => ({ ...f, ageRule: v })); setErrors({}); }} />
        <Field label="可以提前几个月申请" type="number" value={form.preRegistrationMonths} maxlength={2} onChange={(v) => { setForm((f) => ({ ...f, preRegistrationMonths: v })); setErrors({}); }} error={errors.preRegistrationMonths} />
        <Field label="生效日期（年-月-日）" value={form.effectiveFrom} maxlength={10} onChange={(v) => { setForm((f) => ({ ...f, effectiveFrom: v })); setErrors({}); }} error={errors.effectiveFrom} />
        <OptionGroup
          label="这些金额是荆州区确认过的标准吗"
          options={[{ value: 'yes', label: '是，已按区里文件核对' }, { value: 'no', label: '还没确认，仍是默认值' }]}
          value={form.confirmed}
          onChange={(v) => setForm((f) => ({ ...f, confirmed: v }))}
        />
        {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
        {save.isError ? <Notice tone="error" title="没有保存">{messageFor(save.error)}</Notice> : null}
        {save.isSuccess ? <Notice tone="success" title="已保存">{`新的一版从${dayText(save.data.effectiveFrom)}起用。`}</Notice> : null}
        <Button loading={save.isPending} onClick={submit}>保存</Button>
      </View>
    </Section>
  );
}

function Policy() {
  const policy = useAllowancePolicy();
  if (policy.isPending || policy.isError) return <QueryState query={policy} loading="正在读取档次…" errorTitle="档次没有读出来" />;
  const p = policy.data;
  return (
    <>
      {p.isDefault ? (
        <Notice tone="soon" title="这是默认值，还没有确认">
          下面的金额是系统内置的默认值，还没有确认是荆州区的标准。请按区里的文件核对，改好后在最下面选“已按区里文件核对”再保存。
        </Notice>
      ) : (
        <Notice tone="success" title="已确认为荆州区的标准">{`从${dayText(p.effectiveFrom)}起用。`}</Notice>
      )}
      <Section title="现在的档次">
        <BracketList brackets={p.brackets} />
        <Notice>{`年龄规则：${p.ageRuleText}；可以提前${p.preRegistrationMonths}个月申请。`}</Notice>
      </Section>
      {p.upcoming.map((u) => (
        <Section key={u.effectiveFrom} title={`${dayText(u.effectiveFrom)}起用的新档次`}>
          <BracketList brackets={u.brackets} />
        </Section>
      ))}
      <Edit policy={p} />
    </>
  );
}

/** the district's bracket settings: amounts, age rule, effective date; says plainly whether they are confirmed */
export default function StaffAllowancePolicyPage() {
  return (
    <StaffGate title="高龄津贴档次" roles={['district_admin']}>
      <PageShell title="高龄津贴档次和金额" intro="只有区管理员能改。改后从生效日期起按新的档次核算。">
        <Policy />
      </PageShell>
    </StaffGate>
  );
}
