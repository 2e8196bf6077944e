import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { BigChoice } from '../../../../components/BigChoice';
import { useSession } from '../../../../services/session';
import { useFamilyMembers, useRegions } from '../../../../features/family/hooks';
import { CommunityPicker } from '../../../../components/CommunityPicker';
import { messageFor } from '../../../../features/errors/messages';
import { useServiceItems } from '../../../../features/booking/hooks';
import { readBookingCommunity, rememberBookingCommunity } from '../../../../features/booking/community';
import { personStep } from '../../../../features/booking/flow';
import { MY_BOOKINGS_PAGE } from '../../../../features/booking/pages';
import { QueryState } from '../../../../components/QueryState';

/** step 1 of 4: where, and which service (?catalogCode=IS-xx preselects the service linked to a catalog item) */
export default function BookingStartPage() {
  const { status, me } = useSession();
  const catalogCode = Taro.getCurrentInstance().router?.params?.catalogCode ?? '';
  const regions = useRegions();
  const family = useFamilyMembers();
  const [code, setCode] = useState<string>(() => readBookingCommunity() ?? '');
  const [picking, setPicking] = useState(false);

  // first visit: the centre of the first family member's community
  useEffect(() => {
    if (!code && family.data?.items[0]) setCode(family.data.items[0].community.code);
  }, [code, family.data]);

  const community = regions.data?.items.find((r) => r.code === code && r.level === 'community') ?? null;
  const items = useServiceItems(community ? code : null);
  const active = (items.data?.items ?? []).filter((i) => i.active).sort((a, b) => a.sortOrder - b.sortOrder);
  const wanted = catalogCode ? active.find((i) => i.catalogCode === catalogCode) : undefined;

  const choose = (itemId: string) => void Taro.navigateTo({ url: personStep({ item: itemId, code }) });
  const pickCommunity = (c: string) => {
    setCode(c);
    rememberBookingCommunity(c);
    setPicking(false);
  };

  if (status === 'loading') return <PageShell title="预约办事"><Notice>正在登录…</Notice></PageShell>;
  if (me?.kind !== 'resident') {
    return (
      <PageShell title="预约办事">
        <Notice tone="error" title="请用微信登录后预约">
          {me?.kind === 'staff' ? '工作人员请在“我的”→工作台里做现场登记。' : '预约要先登录：请到“我的”页面登录。'}
        </Notice>
      </PageShell>
    );
  }

  const showPicker = picking || !community;
  return (
    <PageShell title="预约办事" intro="第1步（共4步）：选在哪个社区办、办什么事。">
      <Section title="在哪个社区办">
        {community && !showPicker ? (
          <>
            <Notice title={community.name}>到这个社区的党群服务中心办理。</Notice>
            <Button variant="secondary" onClick={() => setPicking(true)}>换一个社区</Button>
          </>
        ) : null}
        {showPicker ? (
          <>
            {regions.isPending ? <Notice>正在读取社区名单…</Notice> : null}
            {regions.isError ? <Notice tone="error" title="社区名单没有读出来">{messageFor(regions.error)}</Notice> : null}
            {regions.data ? <CommunityPicker label="在哪个社区或村办" regions={regions.data.items} value={community?.code ?? ''} onChange={(c) => c && pickCommunity(c)} /> : null}
          </>
        ) : null}
      </Section>

      {community && !showPicker ? (
        <Section title="办什么事">
          <QueryState query={items} loading="正在读取可以预约的事项…" errorTitle="事项没有读出来" />
          {items.data && active.length === 0 ? <Notice>这个社区还没有开放网上预约。请直接到社区办理，或换一个社区。</Notice> : null}
          {catalogCode && items.data && !wanted ? <Notice>这个社区没有单独预约这件事，可以选下面的“其他”或相近的事项。</Notice> : null}
          {wanted ? (
            <>
              <Notice title={`您要办的：${wanted.name}`}>{`大约 ${wanted.durationMinutes} 分钟。点下面的按钮继续。`}</Notice>
              <Button onClick={() => choose(wanted.id)}>约这一项</Button>
              <Notice>也可以选别的事项：</Notice>
            </>
          ) : null}
          {active.map((i) => (
            <BigChoice
              key={i.id}
              label={i.name}
              status={`大约 ${i.durationMinutes} 分钟${i.description ? `。${i.description}` : ''}`}
              selected={wanted?.id === i.id}
              onChoose={() => choose(i.id)}
            />
          ))}
        </Section>
      ) : null}

      <Button variant="link" onClick={() => void Taro.navigateTo({ url: MY_BOOKINGS_PAGE })}>查看我的预约</Button>
    </PageShell>
  );
}
