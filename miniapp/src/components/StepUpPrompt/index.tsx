import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Field } from '../Field';
import { Button } from '../Button';
import { messageFor } from '../../features/errors/messages';
import { cancelStepUp, promptMounted, submitStepUp, useStepUp } from '../../services/step-up';
import { a11y } from '../a11y';
import styles from './index.module.scss';

// render once on every staff page that can reach a sensitive action: it shows only while a request waits for the password
export function StepUpPrompt() {
  const { open } = useStepUp();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => promptMounted(), []);
  if (!open) return null;

  const close = () => {
    setPassword('');
    setError(null);
    cancelStepUp();
  };
  const submit = async () => {
    if (!password) return setError('请填写密码');
    setBusy(true);
    try {
      await submitStepUp(password);
      setPassword('');
      setError(null);
    } catch (err) {
      setError(messageFor(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={styles.backdrop}>
      <View className={styles.panel} {...a11y('dialog', { label: '请再输一次密码' })}>
        <Text className={styles.title}>请再输一次密码</Text>
        <Text className={styles.text}>查看完整的身份证号、账号或电话之前，请确认是您本人在操作。几分钟内不用再输。</Text>
        <Field label="您的登录密码" name="step-up-password" password value={password} maxlength={200} onChange={setPassword} error={error ?? undefined} onConfirm={() => void submit()} />
        <Button onClick={() => void submit()} loading={busy}>确认</Button>
        <Button variant="secondary" onClick={close}>取消</Button>
      </View>
    </View>
  );
}
