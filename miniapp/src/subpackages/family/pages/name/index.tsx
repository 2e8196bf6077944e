import Taro from '@tarojs/taro';
import { useState } from 'react';
import { updateMeInput } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Field } from '../../../../components/Field';
import { Button } from '../../../../components/Button';
import { Notice } from '../../../../components/Notice';
import { updateMyName } from '../../../../features/identity/me';
import { useSession } from '../../../../services/session';
import { messageFor } from '../../../../features/errors/messages';

// one task: what the app calls the signed-in family member (WeChat no longer gives apps a nickname)
export default function MeNamePage() {
  const { me } = useSession();
  const [name, setName] = useState(me?.kind === 'resident' && me.displayName !== '微信用户' ? me.displayName : '');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const checked = updateMeInput.safeParse({ displayName: name });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message);
      return;
    }
    setBusy(true);
    try {
      await updateMyName(checked.data);
      await Taro.navigateBack();
    } catch (err) {
      setError(messageFor(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell title="我的称呼" intro="家里几个人轮流用这个微信时，写上称呼就知道现在是谁在办事。">
      {me?.kind === 'staff' ? <Notice>工作人员的姓名由社区管理员设置。</Notice> : null}
      <Field label="您的称呼" value={name} onChange={(v) => {
          setName(v);
          setError(undefined);
        }} placeholder="例如：王女士" maxlength={20} error={error} />
      <Button loading={busy} onClick={() => void save()}>
        保存
      </Button>
    </PageShell>
  );
}
