import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { ALLOWANCE_CONSENT } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { OptionGroup } from '../../../../components/OptionGroup';
import { a11y } from '../../../../components/a11y';
import { useMeId } from '../../../../services/session';
import { ResidentGate } from '../../../../features/allowance/components/ResidentGate';
import { CONSENT_BASIS_OPTIONS, checkConsent, type ConsentBasis } from '../../../../features/allowance/apply-form';
import { readDraft, updateDraft } from '../../../../features/allowance/draft';
import { ALLOWANCE_ACCOUNT_PAGE, ALLOWANCE_ELDER_PAGE, ALLOWANCE_HOME_PAGE } from '../../../../features/allowance/pages';
import styles from '../../../../features/allowance/components/allowance.module.scss';

function Consent() {
  const meId = useMeId();
  const draft = readDraft(meId);
  const [basis, setBasis] = useState<ConsentBasis | ''>(draft.basis);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});

  if (!draft.familyMemberId) {
    return (
      <PageShell title="同意使用信息">
        <Notice tone="error" title="还没有选老人">请回到第1步，先选为哪位老人申请。</Notice>
        <Button variant="secondary" onClick={() => void Taro.redirectTo({ url: ALLOWANCE_ELDER_PAGE })}>回第1步</Button>
      </PageShell>
    );
  }

  const agree = () => {
    const next = updateDraft(meId, { basis, agreed: true });
    const check = checkConsent(next);
    if (!check.ok) {
      updateDraft(meId, { agreed: false });
      setErrors(check.errors);
      return;
    }
    void Taro.navigateTo({ url: ALLOWANCE_ACCOUNT_PAGE });
  };

  return (
    <PageShell title={ALLOWANCE_CONSENT.title} intro={`第2步（共4步）：为${draft.elderName}申请`}>
      <View className={styles.consentText} {...a11y('region', { label: '要用到的信息' })}>
        {ALLOWANCE_CONSENT.paragraphs.map((p) => (
          <Text key={p} className={styles.paragraph}>{p}</Text>
        ))}
      </View>
      <OptionGroup
        label="是谁同意？"
        options={CONSENT_BASIS_OPTIONS}
        value={basis}
        onChange={(v) => {
          setBasis(v);
          setErrors({});
        }}
        error={errors.basis}
      />
      <Notice>替老人办理的，社区工作人员会再和老人确认。</Notice>
      {errors.agreed && !errors.basis ? <Notice tone="error">{errors.agreed}</Notice> : null}
      <Button onClick={agree}>我已读懂，同意</Button>
      <Button variant="secondary" onClick={() => void Taro.redirectTo({ url: ALLOWANCE_HOME_PAGE })}>不同意，先不申请</Button>
    </PageShell>
  );
}

/** step 2 of 4: the separate consent (个人信息保护法 第二十八、二十九条): what is used, why, who sees it */
export default function AllowanceConsentPage() {
  return (
    <ResidentGate title="同意使用信息">
      <Consent />
    </ResidentGate>
  );
}
