import Taro from '@tarojs/taro';
import { useState } from 'react';
import { personName, RELATIONSHIP_TEXT } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { useSession } from '../../../../services/session';
import { useFamilyMembers } from '../../../../features/family/hooks';
import { messageFor } from '../../../../features/errors/messages';
import { readFlowParams, SELF, slotStep } from '../../../../features/booking/flow';

/** step 2 of 4: for whom — oneself, or a family member one acts for */
export default function BookingPersonPage() {
  const { me } = useSession();
  const flow = readFlowParams(Taro.getCurrentInstance().router?.params);
  const family = useFamilyMembers();
  const [who, setWho] = useState('');
  const [name, setName] = useState(() => (me && personName.safeParse(me.displayName).success ? me.displayName : ''));
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | undefined>();

  const options = [
    ...(family.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${RELATIONSHIP_TEXT[m.relationship]}，${m.age}岁）` })),
    { value: SELF, label: '我自己' },
  ];

  const next = () => {
    setError(null);
    if (!who) {
      setError('请选择为谁预约');
      return;
    }
    if (who === SELF) {
      const parsed = personName.safeParse(name);
      if (!parsed.success) {
        setNameError(parsed.error.issues[0]?.message ?? '请填写您的姓名');
        return;
      }
      void Taro.navigateTo({ url: slotStep({ ...flow, who: SELF, name: parsed.data }) });
      return;
    }
    void Taro.navigateTo({ url: slotStep({ ...flow, who }) });
  };

  if (!flow.item) {
    return (
      <PageShell title="为谁预约">
        <Notice tone="error" title="还没有选办什么事">请回到上一步选事项。</Notice>
        <Button variant="secondary" onClick={() => void Taro.navigateBack()}>回上一步</Button>
      </PageShell>
    );
  }

  return (
    <PageShell title="为谁预约" intro="第2步（共4步）">
      {family.isPending ? <Notice>正在读取家人名单…</Notice> : null}
      {family.isError ? <Notice tone="error" title="家人名单没有读出来">{messageFor(family.error)}</Notice> : null}
      <OptionGroup label="这次是谁去办事？" options={options} value={who} onChange={(v) => { setWho(v); setError(null); }} error={error ?? undefined} />
      {who === SELF ? (
        <Field
          label="您的姓名"
          value={name}
          onChange={(v) => { setName(v); setNameError(undefined); }}
          hint="工作人员会按这个名字接待您"
          error={nameError}
          maxlength={30}
        />
      ) : null}
      <Button onClick={next}>下一步：选时间</Button>
      <Button variant="link" onClick={() => void Taro.navigateTo({ url: '/pages/family-add/index' })}>
        名单里没有？添加家人
      </Button>
    </PageShell>
  );
}
