import Taro from '@tarojs/taro';
import { useState } from 'react';
import { changeOwnPasswordInput, STAFF_PASSWORD_MIN } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Field } from '../../../../components/Field';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { useSession } from '../../../../services/session';
import { issuesByField } from '../../../../services/api-error';
import { messageFor } from '../../../../features/errors/messages';
import { changeOwnPassword } from '../../../../features/staff-admin/hooks';
import { firstIssuePerField } from '../../../../features/staff-admin/form';

const FIELDS = ['currentPassword', 'newPassword', 'again'] as const;
type Errors = Partial<Record<(typeof FIELDS)[number], string>>;

export default function StaffPasswordPage() {
  const { me } = useSession();
  const temporary = me?.kind === 'staff' && me.mustChangePassword;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async () => {
    setGeneral(null);
    const parsed = changeOwnPasswordInput.safeParse({ currentPassword: current, newPassword: next });
    const errs: Errors = parsed.success ? {} : firstIssuePerField(parsed.error.issues, FIELDS);
    if (!errs.newPassword && again !== next) errs.again = '两次输入的新密码不一样';
    setErrors(errs);
    if (Object.keys(errs).length || !parsed.success) return;
    setBusy(true);
    try {
      await changeOwnPassword(parsed.data);
      setDone(true);
    } catch (err) {
      setErrors(issuesByField(err, FIELDS).fields);
      setGeneral(messageFor(err));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <PageShell title="密码改好了">
        <Notice tone="success" title="密码改好了">以后请用新密码登录。在别的电脑或手机上登录的，已经退出了。</Notice>
        <Button onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>回到我的</Button>
      </PageShell>
    );
  }
  return (
    <PageShell
      title={temporary ? '先换一个自己的密码' : '改我的密码'}
      intro={temporary ? '您现在用的是管理员给的临时密码。换成只有自己知道的密码后，才能开始办事。' : undefined}
    >
      <Field label={temporary ? '临时密码' : '现在的密码'} name="currentPassword" password value={current} maxlength={256} onChange={setCurrent} error={errors.currentPassword} />
      <Field
        label="新密码"
        name="newPassword"
        password
        value={next}
        maxlength={128}
        hint={`至少${STAFF_PASSWORD_MIN}位，不要用用户名、生日或电话号码`}
        onChange={setNext}
        error={errors.newPassword}
      />
      <Field label="再输一次新密码" name="again" password value={again} maxlength={128} onChange={setAgain} error={errors.again} onConfirm={() => void submit()} />
      {general ? <Notice tone="error" title="没有改成">{general}</Notice> : null}
      <Button loading={busy} onClick={() => void submit()}>
        改密码
      </Button>
    </PageShell>
  );
}
