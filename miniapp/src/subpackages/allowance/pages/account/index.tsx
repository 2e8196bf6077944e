import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { useMeId } from '../../../../services/session';
import { ResidentGate } from '../../../../features/allowance/components/ResidentGate';
import { ACCOUNT_KIND_OPTIONS, checkAccount, checkConsent, type AccountKind } from '../../../../features/allowance/apply-form';
import { readDraft, updateDraft } from '../../../../features/allowance/draft';
import { ALLOWANCE_CONSENT_PAGE, ALLOWANCE_REVIEW_PAGE } from '../../../../features/allowance/pages';

function Account() {
  const meId = useMeId();
  const draft = readDraft(meId);
  const [kind, setKind] = useState<AccountKind | ''>(draft.accountKind);
  const [number, setNumber] = useState(draft.accountNumber);
  const [bankName, setBankName] = useState(draft.bankName);
  const [phone, setPhone] = useState(draft.phone);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});

  if (!checkConsent(draft).ok) {
    return (
      <PageShell title="收款账户">
        <Notice tone="error" title="还没有同意使用信息">请回到第2步，读完说明并同意后再填。</Notice>
        <Button variant="secondary" onClick={() => void Taro.redirectTo({ url: ALLOWANCE_CONSENT_PAGE })}>回第2步</Button>
      </PageShell>
    );
  }

  const next = () => {
    const d = updateDraft(meId, { accountKind: kind, accountNumber: number, bankName, phone });
    const check = checkAccount(d);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    void Taro.navigateTo({ url: ALLOWANCE_REVIEW_PAGE });
  };
  const clear = (field: string) => setErrors((e) => ({ ...e, [field]: undefined }));

  return (
    <PageShell title="钱发到哪里" intro={`第3步（共4步）：为${draft.elderName}申请`}>
      <Notice>必须是老人本人名下的账户。账号只给办理的工作人员看，页面上只显示最后4位。</Notice>
      <OptionGroup label="用哪种卡收钱" options={ACCOUNT_KIND_OPTIONS} value={kind} onChange={(v) => { setKind(v); clear('accountKind'); }} error={errors.accountKind} />
      <Field label="卡号或账号" type="number" value={number} maxlength={40} onChange={(v) => { setNumber(v); clear('accountNumber'); }} hint="卡正面或存折第一页上的一串数字" error={errors.accountNumber} />
      <Field label="开户银行（可以不填）" value={bankName} maxlength={60} onChange={(v) => { setBankName(v); clear('bankName'); }} hint="比如：湖北农商银行" error={errors.bankName} />
      <Field label="联系电话" type="number" value={phone} maxlength={20} onChange={(v) => { setPhone(v); clear('phone'); }} hint="有问题时社区打这个电话" error={errors.phone} />
      <Button onClick={next}>下一步：核对</Button>
    </PageShell>
  );
}

/** step 3 of 4: the account in the elder's own name that receives the money, and a phone number */
export default function AllowanceAccountPage() {
  return (
    <ResidentGate title="收款账户">
      <Account />
    </ResidentGate>
  );
}
