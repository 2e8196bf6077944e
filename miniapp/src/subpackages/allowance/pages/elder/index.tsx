import Taro from '@tarojs/taro';
import { useState } from 'react';
import { RELATIONSHIP_TEXT } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { OptionGroup } from '../../../../components/OptionGroup';
import { QueryState } from '../../../../components/QueryState';
import { useMeId } from '../../../../services/session';
import { useFamilyMembers } from '../../../../features/family/hooks';
import { verificationText } from '../../../../features/family/verification';
import { FAMILY_VERIFY_PAGE } from '../../../../features/family/proxies';
import { allowanceUrl } from '../../../../features/allowance/pages';
import { ResidentGate } from '../../../../features/allowance/components/ResidentGate';
import { checkElder } from '../../../../features/allowance/apply-form';
import { readDraft, updateDraft } from '../../../../features/allowance/draft';
import { ALLOWANCE_CONSENT_PAGE } from '../../../../features/allowance/pages';

function ChooseElder() {
  const meId = useMeId();
  const family = useFamilyMembers();
  const [chosen, setChosen] = useState(() => readDraft(meId).familyMemberId);
  const [error, setError] = useState<string | undefined>();
  const items = family.data?.items ?? [];
  const picked = items.find((m) => m.id === chosen);

  const next = () => {
    const member = items.find((m) => m.id === chosen);
    const draft = updateDraft(meId, { familyMemberId: member?.id ?? '', elderName: member?.name ?? '' });
    const check = checkElder(draft);
    if (!check.ok) {
      setError(check.errors.elder);
      return;
    }
    void Taro.navigateTo({ url: ALLOWANCE_CONSENT_PAGE });
  };

  return (
    <PageShell title="为哪位老人申请" intro="第1步（共4步）">
      <QueryState query={family} loading="正在读取家人名单…" errorTitle="家人名单没有读出来" />
      {family.data && items.length === 0 ? (
        <Notice title="还没有添加家人">先把老人添加为您代办的家人，再来申请。</Notice>
      ) : null}
      {items.length > 0 ? (
        <OptionGroup
          label="选一位老人"
          options={items.map((m) => ({ value: m.id, label: `${m.name}（${RELATIONSHIP_TEXT[m.relationship]}，${m.age}岁，${verificationText(m).label}）` }))}
          value={chosen}
          onChange={(v) => {
            setChosen(v);
            setError(undefined);
          }}
          error={error}
        />
      ) : null}
      {picked && picked.verification.state !== 'verified' ? (
        <>
          <Notice tone="soon" title={`还没有核验您和${picked.name}的关系`}>
            {picked.verification.state === 'revoked'
              ? verificationText(picked).explain
              : '高龄津贴要发到老人账户里，所以要先核验您能替老人办理：本人刷脸后核对户籍，或请老人在自己的微信里确认，或到社区服务中心核验。'}
          </Notice>
          <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: allowanceUrl(FAMILY_VERIFY_PAGE, { memberId: picked.id }) })}>去核验</Button>
        </>
      ) : null}
      {items.length > 0 ? <Button onClick={next}>下一步</Button> : null}
      <Button variant="link" onClick={() => void Taro.navigateTo({ url: '/pages/family-add/index' })}>
        名单里没有？添加家人
      </Button>
    </PageShell>
  );
}

/** step 1 of 4: the elder, from the family the resident acts for */
export default function AllowanceElderPage() {
  return (
    <ResidentGate title="为哪位老人申请">
      <ChooseElder />
    </ResidentGate>
  );
}
