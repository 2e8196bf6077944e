import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { PageShell, Section } from '../../components/PageShell';
import { Cell, CellGroup } from '../../components/Cell';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { ElderSwitch } from '../../components/ElderSwitch';
import { FamilyList } from '../../components/FamilyList';
import { loadSession, signInResident, signOut, useSession } from '../../services/session';
import { useFamilyMembers } from '../../features/family/hooks';
import { messageFor, messageForCode } from '../../features/errors/messages';
import { STAFF_ROLE_TEXT } from '../../features/staff/roles';
import { FAMILY_ADDED_EVENT } from '../../features/family/events';
import type { MeView } from '@jianban/shared';

const ELDERS_PAGE = '/subpackages/staff/pages/elders/index';

function ResidentPart() {
  const family = useFamilyMembers();
  const [added, setAdded] = useState<string | null>(null);
  useEffect(() => {
    const onAdded = (name: string) => setAdded(name);
    Taro.eventCenter.on(FAMILY_ADDED_EVENT, onAdded);
    return () => {
      Taro.eventCenter.off(FAMILY_ADDED_EVENT, onAdded);
    };
  }, []);
  const full = !!family.data && family.data.items.length >= family.data.limit;
  return (
    <Section title="我代办的家人">
      {added ? <Notice tone="success" title={`已添加：${added}`} /> : null}
      {family.isPending ? <Notice>正在读取家人名单…</Notice> : null}
      {family.isError ? (
        <>
          <Notice tone="error" title="家人名单没有读出来">
            {messageFor(family.error)}
          </Notice>
          <Button variant="secondary" onClick={() => void family.refetch()}>
            再试一次
          </Button>
        </>
      ) : null}
      {family.data ? <FamilyList items={family.data.items} /> : null}
      {full ? (
        <Notice>已添加{family.data?.limit}位家人，这是上限。要添加别人，请先联系社区移除不再代办的家人。</Notice>
      ) : (
        <Button onClick={() => void Taro.navigateTo({ url: '/pages/family-add/index' })}>添加家人</Button>
      )}
    </Section>
  );
}

function StaffPart({ me }: { me: Extract<MeView, { kind: 'staff' }> }) {
  if (me.region.level !== 'community') {
    return <Notice>您的账号属于{me.region.name}。老人名单按社区查看，街道和区级的查看页面还在做。</Notice>;
  }
  return (
    <Section title="工作台">
      <CellGroup>
        <Cell
          title="本社区登记的老人"
          description={`${me.region.name}的老人名单（证件号已隐去中间部分）`}
          onClick={() => void Taro.navigateTo({ url: ELDERS_PAGE })}
        />
      </CellGroup>
    </Section>
  );
}

export default function MePage() {
  const session = useSession();
  const { status, me, error } = session;

  // a tab page stays mounted: re-check when it is shown again after a failed sign-in
  useDidShow(() => {
    if (status === 'anonymous' && error && error !== 'DEV_LOGIN_DISABLED') void loadSession();
  });

  return (
    <PageShell title="我的">
      {status === 'loading' ? <Notice>正在登录…</Notice> : null}

      {status === 'anonymous' ? (
        <>
          <Notice tone={error ? 'error' : 'info'} title={error ? '没有登录成功' : '您还没有登录'}>
            {error ? messageForCode(error) : '登录后可以添加家人，替他们办事。'}
          </Notice>
          {error !== 'DEV_LOGIN_DISABLED' ? <Button onClick={() => void signInResident()}>微信登录</Button> : null}
        </>
      ) : null}

      {status === 'signedIn' && me ? (
        <>
          <CellGroup>
            <Cell
              title={me.displayName}
              description={me.kind === 'staff' ? `${STAFF_ROLE_TEXT[me.role]} · ${me.region.name}` : '居民（家属）'}
            />
          </CellGroup>
          {me.kind === 'resident' ? <ResidentPart /> : <StaffPart me={me} />}
        </>
      ) : null}

      <Section title="设置">
        <ElderSwitch />
        {me?.kind !== 'staff' ? (
          <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: '/pages/staff-login/index' })}>
            工作人员登录
          </Button>
        ) : null}
        {status === 'signedIn' ? (
          <Button variant="link" onClick={() => void signOut()}>
            退出登录
          </Button>
        ) : null}
      </Section>
    </PageShell>
  );
}
