import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { ALLOWANCE_CONSENT, shanghaiDate, type EnrolmentInvitationView } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { QueryState } from '../../../../components/QueryState';
import { a11y } from '../../../../components/a11y';
import { messageFor } from '../../../../features/errors/messages';
import { param } from '../../../../features/catalog/urls';
import { ResidentGate } from '../../../../features/allowance/components/ResidentGate';
import { ACCOUNT_KIND_OPTIONS, CONSENT_BASIS_OPTIONS, EMPTY_DRAFT, checkAccount, checkConsent, type ApplyDraft } from '../../../../features/allowance/apply-form';
import { ALLOWANCE_HOME_PAGE, ALLOWANCE_STATUS_PAGE, allowanceUrl } from '../../../../features/allowance/pages';
import { useConfirmEnrolment, useEnrolmentInvitation } from '../../../../features/allowance-pay/hooks';
import { monthText, yuanText } from '../../../../features/allowance-pay/format';
import styles from '../../../../features/allowance/components/allowance.module.scss';

type Invitation = NonNullable<EnrolmentInvitationView['invitation']>;

/** one screen: what the elder gets, the separate consent, the account — no certificate, no other step */
function Confirm({ memberId, inv }: { memberId: string; inv: Invitation }) {
  const confirm = useConfirmEnrolment(memberId);
  const [d, setD] = useState<ApplyDraft>({ ...EMPTY_DRAFT, familyMemberId: memberId, elderName: inv.elderName });
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const set = (change: Partial<ApplyDraft>, field: string) => {
    setD((x) => ({ ...x, ...change }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const send = () => {
    const consent = checkConsent({ ...d, agreed: true });
    const account = checkAccount(d);
    if (!consent.ok || !account.ok) {
      setErrors({ ...(consent.ok ? {} : consent.errors), ...(account.ok ? {} : account.errors) });
      return;
    }
    confirm.mutate(
      { consent: consent.value, account: account.value.account, phone: account.value.phone },
      { onSuccess: (a) => void Taro.redirectTo({ url: allowanceUrl(ALLOWANCE_STATUS_PAGE, { id: a.id, created: '1' }) }) },
    );
  };
  return (
    <>
      <Notice tone="success" title={`${inv.elderName}可以领高龄津贴`}>{inv.text}</Notice>
      <View className={styles.card}>
        <View className={styles.row}><Text className={styles.key}>从哪个月起发</Text><Text className={styles.value}>{inv.eligibleMonth > shanghaiDate(new Date()).slice(0, 7) ? monthText(inv.eligibleMonth) : '确认后经社区、街道、区里审核，通过后的下个月起发'}</Text></View>
        <View className={styles.row}><Text className={styles.key}>每月</Text><Text className={styles.value}>{`${yuanText(inv.monthlyCny)}（${inv.bracketLabel}）`}</Text></View>
      </View>
      <View className={styles.consentText} {...a11y('region', { label: '要用到的信息' })}>
        {ALLOWANCE_CONSENT.paragraphs.map((p) => (
          <Text key={p} className={styles.paragraph}>{p}</Text>
        ))}
      </View>
      <OptionGroup label="是谁同意？" options={CONSENT_BASIS_OPTIONS} value={d.basis} onChange={(v) => set({ basis: v }, 'basis')} error={errors.basis} />
      <OptionGroup label="用哪种卡收钱（要在老人本人名下）" options={ACCOUNT_KIND_OPTIONS} value={d.accountKind} onChange={(v) => set({ accountKind: v }, 'accountKind')} error={errors.accountKind} />
      <Field label="卡号或账号" type="number" value={d.accountNumber} maxlength={40} onChange={(v) => set({ accountNumber: v }, 'accountNumber')} error={errors.accountNumber} />
      <Field label="开户银行（可以不填）" value={d.bankName} maxlength={60} onChange={(v) => set({ bankName: v }, 'bankName')} error={errors.bankName} />
      <Field label="联系电话" type="number" value={d.phone} maxlength={20} onChange={(v) => set({ phone: v }, 'phone')} error={errors.phone} />
      {confirm.isError ? <Notice tone="error" title="没有确认成功">{messageFor(confirm.error)}</Notice> : null}
      <Button loading={confirm.isPending} onClick={send}>我已读懂，同意并确认</Button>
      <Button variant="secondary" onClick={() => void Taro.redirectTo({ url: ALLOWANCE_HOME_PAGE })}>先不领</Button>
    </>
  );
}

function Invitation({ memberId }: { memberId: string }) {
  const q = useEnrolmentInvitation(memberId);
  if (!memberId) return <Notice tone="error" title="没有指明是哪位老人">请从消息里的邀请进入。</Notice>;
  if (!q.data) return <QueryState query={q} loading="正在读取…" errorTitle="邀请没有读出来" />;
  if (!q.data.invitation) return <Notice title="现在没有要确认的邀请">老人满80周岁的前一个月，社区会通知您，到时在这里确认就可以。</Notice>;
  return <Confirm memberId={memberId} inv={q.data.invitation} />;
}

/** 免申即享: the family confirms the invitation (consent and account) instead of applying */
export default function EnrolmentInvitationPage() {
  const memberId = param(Taro.getCurrentInstance().router?.params?.memberId);
  return (
    <ResidentGate title="确认领取高龄津贴">
      <PageShell title="确认领取高龄津贴" intro="不用交任何证明，确认同意和收款账户就可以。">
        <Invitation memberId={memberId} />
      </PageShell>
    </ResidentGate>
  );
}
