import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useMemo } from 'react';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { useMeId } from '../../../../services/session';
import { messageFor } from '../../../../features/errors/messages';
import { ResidentGate } from '../../../../features/allowance/components/ResidentGate';
import { ACCOUNT_KIND_OPTIONS, buildApplyInput, CONSENT_BASIS_OPTIONS, maskAccount, maskPhone } from '../../../../features/allowance/apply-form';
import { clearDraft, readDraft } from '../../../../features/allowance/draft';
import { useApplyAllowance } from '../../../../features/allowance/hooks';
import { APPLY_MESSAGES } from '../../../../features/allowance/messages';
import { ALLOWANCE_ACCOUNT_PAGE, ALLOWANCE_CONSENT_PAGE, ALLOWANCE_ELDER_PAGE, ALLOWANCE_STATUS_PAGE, allowanceUrl } from '../../../../features/allowance/pages';
import { newIdempotencyKey } from '../../../../features/booking/idempotency';
import { askToSubscribe, useSubscribePrefetch } from '../../../../features/notifications/subscribe';
import styles from '../../../../features/allowance/components/allowance.module.scss';

const STEP_PAGE = { elder: ALLOWANCE_ELDER_PAGE, consent: ALLOWANCE_CONSENT_PAGE, account: ALLOWANCE_ACCOUNT_PAGE } as const;

function Review() {
  const meId = useMeId();
  const draft = readDraft(meId);
  // one key per review screen: a double tap or a retry makes one application
  const key = useMemo(() => newIdempotencyKey(), []);
  const built = buildApplyInput(draft, key);
  const apply = useApplyAllowance();
  useSubscribePrefetch('allowance');

  if (!built.ok) {
    return (
      <PageShell title="核对并提交">
        <Notice tone="error" title="还有一步没有填好">请回去把那一步填好。</Notice>
        <Button variant="secondary" onClick={() => void Taro.redirectTo({ url: STEP_PAGE[built.step] })}>回去填写</Button>
      </PageShell>
    );
  }
  const input = built.input;
  const rows: [string, string][] = [
    ['为谁申请', draft.elderName],
    ['谁同意', CONSENT_BASIS_OPTIONS.find((o) => o.value === input.consent.basis)?.label ?? ''],
    ['收款账户', `${ACCOUNT_KIND_OPTIONS.find((o) => o.value === input.account.kind)?.label ?? ''}，${maskAccount(input.account.number)}`],
    ...(input.account.bankName ? [['开户银行', input.account.bankName] as [string, string]] : []),
    ['联系电话', maskPhone(input.phone)],
  ];
  const submit = () => {
    void askToSubscribe('allowance'); // inside the tap: WeChat's dialog opens at once, the answer is reported later
    apply.mutate(input, {
      onSuccess: (a) => {
        clearDraft();
        void Taro.redirectTo({ url: allowanceUrl(ALLOWANCE_STATUS_PAGE, { id: a.id, created: '1' }) });
      },
    });
  };

  return (
    <PageShell title="核对并提交" intro="第4步（共4步）">
      <View className={styles.card}>
        {rows.map(([k, v]) => (
          <View key={k} className={styles.row}>
            <Text className={styles.key}>{k}</Text>
            <Text className={styles.value}>{v}</Text>
          </View>
        ))}
      </View>
      <Notice>不用交任何证明材料。提交后系统自动核对，结果会在“消息”里告诉您。</Notice>
      {apply.isError ? <Notice tone="error" title="没有提交成功">{messageFor(apply.error, APPLY_MESSAGES)}</Notice> : null}
      <Button loading={apply.isPending} onClick={submit}>提交申请</Button>
      <Button variant="secondary" disabled={apply.isPending} onClick={() => void Taro.navigateBack()}>返回修改</Button>
    </PageShell>
  );
}

/** step 4 of 4: everything on one screen, the account masked, then one tap to submit */
export default function AllowanceReviewPage() {
  return (
    <ResidentGate title="核对并提交">
      <Review />
    </ResidentGate>
  );
}
