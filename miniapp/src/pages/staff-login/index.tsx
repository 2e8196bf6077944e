import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PageShell } from '../../components/PageShell';
import { Field } from '../../components/Field';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { getSession, signInStaff } from '../../services/session';
import { STAFF_PASSWORD_PAGE } from '../../features/staff-admin/pages';
import { issuesByField } from '../../services/api-error';
import { messageFor } from '../../features/errors/messages';

const FIELDS = ['username', 'password'] as const;

export default function StaffLoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const missing: typeof errors = {};
    if (!username.trim()) missing.username = '请填写用户名';
    if (!password) missing.password = '请填写密码';
    setErrors(missing);
    setGeneral(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      await signInStaff(username.trim(), password);
      const me = getSession().me;
      // a temporary password (new account, reset) is replaced before anything else
      if (me?.kind === 'staff' && me.mustChangePassword) await Taro.redirectTo({ url: STAFF_PASSWORD_PAGE });
      else await Taro.switchTab({ url: '/pages/me/index' });
    } catch (err) {
      setErrors(issuesByField(err, FIELDS).fields);
      setGeneral(messageFor(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell title="工作人员登录" intro="社区、街道和区里的工作人员，用单位发的账号登录。">
      <Field label="用户名" name="username" value={username} maxlength={64} onChange={setUsername} error={errors.username} onConfirm={() => void submit()} />
      <Field label="密码" name="password" password value={password} maxlength={256} onChange={setPassword} error={errors.password} onConfirm={() => void submit()} />
      {general ? <Notice tone="error" title="没有登录成功">{general}</Notice> : null}
      <Button onClick={() => void submit()} loading={busy}>
        登录
      </Button>
    </PageShell>
  );
}
