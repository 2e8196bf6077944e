import Taro, { useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { normalizeIdNumber, RELATIONSHIP_TEXT } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Field } from '../../../../components/Field';
import { Button } from '../../../../components/Button';
import { Notice } from '../../../../components/Notice';
import { QueryState } from '../../../../components/QueryState';
import { useFamilyMembers } from '../../../../features/family/hooks';
import { verificationText } from '../../../../features/family/verification';
import { faceScanAvailable, useCreateInvitation, useFaceCheck, useHouseholdCheck, useMyVerification } from '../../../../features/family/proxies';
import { messageFor } from '../../../../features/errors/messages';

// one screen: first the resident's own identity (本人刷脸核验, or at the centre), then the three ways a family member
// becomes verified — same household in the registry, the elder's confirmation in their own WeChat, or at the centre
export default function FamilyVerifyPage() {
  const memberId = Taro.getCurrentInstance().router?.params?.memberId ?? '';
  const mine = useMyVerification();
  const family = useFamilyMembers();
  const member = family.data?.items.find((m) => m.id === memberId) ?? null;
  return (
    <PageShell title="核验代办" intro="替老人申请高龄津贴，需要先核验您和老人的关系。预约办事不受影响。">
      <QueryState query={mine} loading="正在读取…" errorTitle="没有读出来" />
      {mine.data ? (mine.data.verified ? <Verified nameMasked={mine.data.nameMasked} /> : <FaceCheck />) : null}
      {member && mine.data?.verified ? <MemberWays memberId={member.id} name={member.name} relationship={RELATIONSHIP_TEXT[member.relationship]} state={verificationText(member)} /> : null}
    </PageShell>
  );
}

function Verified({ nameMasked }: { nameMasked: string | null }) {
  return (
    <Section title="第一步：核验您本人">
      <Notice tone="success" title={`✓ 已核验：${nameMasked ?? ''}`} />
    </Section>
  );
}

function FaceCheck() {
  const check = useFaceCheck();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canScan = faceScanAvailable();
  const start = async () => {
    setError(null);
    try {
      await check.mutateAsync({ name: name.trim(), idNumber: normalizeIdNumber(idNumber) });
    } catch (err) {
      setError(messageFor(err));
    }
  };
  return (
    <Section title="第一步：核验您本人">
      <Notice>本人刷脸核验：填您自己的姓名和身份证号，再按微信的提示刷脸。也可以带身份证到社区服务中心核验。</Notice>
      {error ? <Notice tone="error" title="没有核验成功">{error}</Notice> : null}
      <Field label="您的姓名" value={name} onChange={setName} maxlength={30} />
      <Field label="您的身份证号" value={idNumber} onChange={setIdNumber} type="idcard" maxlength={18} />
      {canScan ? (
        <Button loading={check.isPending} disabled={!name.trim() || !idNumber.trim()} onClick={() => void start()}>
          本人刷脸核验
        </Button>
      ) : (
        <Notice>刷脸核验要在微信小程序里进行。请在微信里打开“简办”，或到社区服务中心核验。</Notice>
      )}
    </Section>
  );
}

function MemberWays({ memberId, name, relationship, state }: { memberId: string; name: string; relationship: string; state: { label: string; tone: string } }) {
  const household = useHouseholdCheck();
  const invite = useCreateInvitation();
  const [error, setError] = useState<string | null>(null);
  const link = invite.data ?? null;
  useShareAppMessage(() => (link ? { title: '请确认：家人想替您在“简办”里办事', path: link.path } : { title: '简办' }));
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(messageFor(err));
    }
  };
  if (state.tone === 'ok') return <Section title={`第二步：${name}（${relationship}）`}><Notice tone="success" title="✓ 已核验" /></Section>;
  return (
    <Section title={`第二步：${name}（${relationship}）`}>
      {error ? <Notice tone="error" title="还没有核验">{error}</Notice> : null}
      <Notice title="方法一：户口在同一本户口簿">按户籍登记核对，您和老人在同一户就能直接核验。</Notice>
      <Button loading={household.isPending} onClick={() => void run(() => household.mutateAsync(memberId))}>核对户籍</Button>
      <Notice title="方法二：请老人在自己微信里确认邀请">发给老人后，老人本人在自己的微信里打开并确认。邀请只能用一次，3天内有效。</Notice>
      {link ? (
        <Notice tone="success" title="邀请已生成">请点右上角“…”转发给老人，老人打开后点“确认”。</Notice>
      ) : (
        <Button variant="secondary" loading={invite.isPending} onClick={() => void run(() => invite.mutateAsync(memberId))}>生成邀请</Button>
      )}
      <Notice title="方法三：到社区服务中心核验">请带上老人的身份证（或户口簿），工作人员看过后当场确认。</Notice>
    </Section>
  );
}
