import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PageShell } from '../../../../components/PageShell';
import { Button } from '../../../../components/Button';
import { Notice } from '../../../../components/Notice';
import { QueryState } from '../../../../components/QueryState';
import { FAMILY_VERIFY_PAGE, useAcceptInvitation, useInvitationPreview } from '../../../../features/family/proxies';
import { messageFor } from '../../../../features/errors/messages';
import { ApiError } from '../../../../services/api-error';

// the elder opens the shared invitation in their own WeChat and confirms that this family member may act for them
export default function InvitationPage() {
  const code = Taro.getCurrentInstance().router?.params?.code ?? '';
  const preview = useInvitationPreview(code);
  const accept = useAcceptInvitation();
  const [error, setError] = useState<{ text: string; needsSelf: boolean } | null>(null);
  const confirm = async () => {
    setError(null);
    try {
      await accept.mutateAsync(code);
    } catch (err) {
      setError({ text: messageFor(err), needsSelf: err instanceof ApiError && err.code === 'REAL_NAME_REQUIRED' });
    }
  };
  const p = preview.data;
  return (
    <PageShell title="确认家人代办">
      <QueryState query={preview} loading="正在读取邀请…" errorTitle="这个邀请打不开" />
      {accept.isSuccess ? (
        <Notice tone="success" title="✓ 已确认">这位家人以后可以替您申请高龄津贴、查看办理进度。您随时可以在“我的”里撤销。</Notice>
      ) : p ? (
        <>
          <Notice title={`${p.inviterName} 想替 ${p.elderNameMasked}（${p.relationship}）办事`}>
            请老人本人在自己的微信里确认。确认后，这位家人可以替您申请高龄津贴、查看办理进度。
          </Notice>
          {error ? <Notice tone="error" title="还没有确认">{error.text}</Notice> : null}
          {error?.needsSelf ? (
            <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: FAMILY_VERIFY_PAGE })}>先核验我本人</Button>
          ) : null}
          <Button loading={accept.isPending} onClick={() => void confirm()}>我是老人本人，确认</Button>
        </>
      ) : null}
    </PageShell>
  );
}
