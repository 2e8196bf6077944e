import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { PublicityEntryView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { TextArea } from '../../../../components/TextArea';
import { QueryState } from '../../../../components/QueryState';
import { CommunityPicker } from '../../../../components/CommunityPicker';
import { a11y } from '../../../../components/a11y';
import { useSession } from '../../../../services/session';
import { messageFor } from '../../../../features/errors/messages';
import { param } from '../../../../features/catalog/urls';
import { useFamilyMembers, useRegions } from '../../../../features/family/hooks';
import { readBookingCommunity } from '../../../../features/booking/community';
import { usePublicity, useRaiseObjection } from '../../../../features/allowance/hooks';
import { OBJECTION_MESSAGES } from '../../../../features/allowance/messages';
import { dayText } from '../../../../features/allowance/status';
import styles from '../../../../features/allowance/components/allowance.module.scss';

/** one person on the list; 提出异议 opens a reason box on the same screen */
function Entry({ e, canObject }: { e: PublicityEntryView; canObject: boolean }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const raise = useRaiseObjection();
  const send = () => {
    if (!reason.trim()) {
      setError('请写明理由，比如：这位老人已经去世了');
      return;
    }
    raise.mutate({ id: e.id, reason: reason.trim() });
  };
  return (
    <View className={styles.row} {...a11y('listitem')}>
      <Text className={styles.value}>{`${e.maskedName}，${e.age}岁`}</Text>
      <Text className={styles.text}>{`${e.bracketLabel}，每月${e.monthlyCny}元`}</Text>
      <Text className={styles.sub}>{`公示：${dayText(e.startsOn)}到${dayText(e.endsOn)}`}</Text>
      {raise.isSuccess ? (
        <Notice tone="success" title="异议已收到">负责的工作人员会核实。谢谢您。</Notice>
      ) : open ? (
        <View className={styles.form} {...a11y('group', { label: `对${e.maskedName}提出异议` })}>
          <TextArea label="您的理由" value={reason} maxlength={500} onChange={(v) => { setReason(v); setError(undefined); }} hint="工作人员会看到理由，不会告诉别人是谁提的" error={error} />
          {raise.isError ? <Notice tone="error" title="没有提交成功">{messageFor(raise.error, OBJECTION_MESSAGES)}</Notice> : null}
          <Button loading={raise.isPending} onClick={send}>提交异议</Button>
          <Button variant="secondary" disabled={raise.isPending} onClick={() => setOpen(false)}>不提了</Button>
        </View>
      ) : canObject ? (
        <Button variant="secondary" a11yLabel={`对${e.maskedName}提出异议`} onClick={() => setOpen(true)}>提出异议</Button>
      ) : null}
    </View>
  );
}

function List({ code }: { code: string }) {
  const { me } = useSession();
  const list = usePublicity(code);
  if (list.isPending || list.isError) return <QueryState query={list} loading="正在读取公示名单…" errorTitle="名单没有读出来" />;
  const d = list.data;
  return (
    <Section title={`${d.communityName}正在公示的名单`}>
      {d.items.length === 0 ? (
        <Notice>现在没有正在公示的人。</Notice>
      ) : (
        <View className={styles.card} {...a11y('list', { label: '公示名单' })}>
          {d.items.map((e) => (
            <Entry key={e.id} e={e} canObject={me?.kind === 'resident'} />
          ))}
        </View>
      )}
      <Notice>对名单上的人有疑问（比如不符合条件），可以提出异议，写明理由。公示7天，没有问题就交街道审核。</Notice>
    </Section>
  );
}

/** a community's 公示 list: masked name, age, bracket, dates; any signed-in resident can raise an objection */
export default function AllowancePublicityPage() {
  const asked = param(Taro.getCurrentInstance().router?.params?.code);
  const regions = useRegions();
  const family = useFamilyMembers();
  const [code, setCode] = useState(() => asked || readBookingCommunity() || '');
  const [picking, setPicking] = useState(false);
  useEffect(() => {
    if (!code && family.data?.items[0]) setCode(family.data.items[0].community.code);
  }, [code, family.data]);
  const community = regions.data?.items.find((r) => r.code === code && r.level === 'community');

  return (
    <PageShell title="高龄津贴公示">
      {picking || !code ? (
        regions.data ? (
          <CommunityPicker regions={regions.data.items} value={code} onChange={(c) => { setCode(c); setPicking(false); }} label="看哪个社区或村的公示" />
        ) : (
          <QueryState query={regions} loading="正在读取社区名单…" />
        )
      ) : (
        <>
          <List code={code} />
          <Button variant="link" onClick={() => setPicking(true)}>{community ? `不是${community.name}？换一个` : '换一个社区'}</Button>
        </>
      )}
    </PageShell>
  );
}
