import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { PageShell, Section } from '../../components/PageShell';
import { Cell, CellGroup } from '../../components/Cell';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { ElderSwitch } from '../../components/ElderSwitch';
import { FamilyList } from '../../components/FamilyList';
import { loadSession, signInResident, signOut, useSession } from '../../services/session';
import { useTransient } from '../../components/Notice/useTransient';
import { useFamilyMembers, useRegions, useRemoveFamilyMember } from '../../features/family/hooks';
import { communitiesUnder } from '../../features/regions/communities';
import { BIND_WECHAT_MESSAGES, messageFor, messageForCode } from '../../features/errors/messages';
import { BIND_WECHAT_DONE, bindOwnWechat } from '../../features/staff/wechat';
import { STAFF_ROLE_TEXT } from '../../features/staff/roles';
import { consoleLinksFor } from '../../features/staff/console';
import { STAFF_PASSWORD_PAGE } from '../../features/staff-admin/pages';
import { FAMILY_ADDED_EVENT } from '../../features/family/events';
import { FAMILY_VERIFY_PAGE } from '../../features/family/verification';
import type { FamilyMemberView, MeView } from '@jianban/shared';
import { useMemberAllowanceLinks } from '../../features/allowance-pay/member-hooks';
import { QueryState } from '../../components/QueryState';

const ELDERS_PAGE = '/subpackages/staff/pages/elders/index';

/** under a verified elder: 每月发放 when a recipient, the 免申即享 invitation while one is open (pages in subpackages) */
function MemberAllowance({ m }: { m: FamilyMemberView }) {
  const links = useMemberAllowanceLinks(m);
  return (
    <>
      {links.map((l) => (
        <Button key={l.url} variant="secondary" a11yLabel={`${m.name}的${l.label}`} onClick={() => void Taro.navigateTo({ url: l.url })}>
          {l.label}
        </Button>
      ))}
    </>
  );
}

function ResidentPart() {
  const family = useFamilyMembers();
  const remove = useRemoveFamilyMember();
  // "已添加：…" / "已移除：…": goes away after a few seconds, or when the page is left
  const [done, showDone] = useTransient<string>();
  useEffect(() => {
    const onAdded = (name: string) => showDone(`已添加：${name}`);
    Taro.eventCenter.on(FAMILY_ADDED_EVENT, onAdded);
    return () => {
      Taro.eventCenter.off(FAMILY_ADDED_EVENT, onAdded);
    };
  }, [showDone]);
  const full = !!family.data && family.data.items.length >= family.data.limit;
  return (
    <Section title="我代办的家人">
      {done ? <Notice tone="success" title={done} /> : null}
      <QueryState query={family} loading="正在读取家人名单…" errorTitle="家人名单没有读出来" />
      {family.data ? (
        <FamilyList
          items={family.data.items}
          onRemove={async (m) => {
            showDone(null);
            await remove.mutateAsync(m.id);
            showDone(`已移除：${m.name}`);
          }}
          errorText={(err) => messageFor(err)}
          onVerify={(m) => void Taro.navigateTo({ url: `${FAMILY_VERIFY_PAGE}?memberId=${m.id}` })}
          extra={(m) => <MemberAllowance m={m} />}
        />
      ) : null}
      {full ? (
        <Notice>最多代办{family.data?.limit}位家人，可以先移除一位：在上面的名单里点“移除”。</Notice>
      ) : (
        <Button onClick={() => void Taro.navigateTo({ url: '/pages/family-add/index' })}>添加家人</Button>
      )}
    </Section>
  );
}

/** weapp only: link the staff member's own WeChat, so they can sign in without the password next time */
function BindWechat() {
  const [state, setState] = useState<{ busy: boolean; done: boolean; error: string | null }>({ busy: false, done: false, error: null });
  const bind = async () => {
    setState({ busy: true, done: false, error: null });
    try {
      await bindOwnWechat();
      setState({ busy: false, done: true, error: null });
    } catch (err) {
      setState({ busy: false, done: false, error: messageFor(err, BIND_WECHAT_MESSAGES) });
    }
  };
  return (
    <Section title="微信登录">
      {state.done ? <Notice tone="success" title={BIND_WECHAT_DONE} /> : null}
      {state.error ? (
        <Notice tone="error" title="没有绑定成功">
          {state.error}
        </Notice>
      ) : null}
      {!state.done ? (
        <Button variant="secondary" loading={state.busy} onClick={() => void bind()}>
          绑定本人微信
        </Button>
      ) : null}
    </Section>
  );
}

/** street and district staff: one entry per community they cover */
function StaffCommunities({ me }: { me: Extract<MeView, { kind: 'staff' }> }) {
  const regions = useRegions();
  const communities = communitiesUnder(regions.data?.items ?? [], me.region.code);
  return (
    <Section title={`${me.region.name}各社区的老人`}>
      {regions.isPending ? <Notice>正在读取社区名单…</Notice> : null}
      {regions.isError ? <Notice tone="error" title="社区名单没有读出来">{messageFor(regions.error)}</Notice> : null}
      <CellGroup>
        {communities.map((c) => (
          <Cell key={c.code} title={c.name} description="老人名单（证件号已隐去中间部分）" onClick={() => void Taro.navigateTo({ url: `${ELDERS_PAGE}?code=${c.code}` })} />
        ))}
      </CellGroup>
    </Section>
  );
}

/** the staff 工作台: every feature's pages this role may use */
function StaffConsole({ me }: { me: Extract<MeView, { kind: 'staff' }> }) {
  const links = consoleLinksFor(me.role);
  if (links.length === 0) return null;
  return (
    <Section title="工作台">
      <CellGroup>
        {links.map((l) => (
          <Cell key={l.url} title={l.title} description={l.description} onClick={() => void Taro.navigateTo({ url: l.url })} />
        ))}
      </CellGroup>
    </Section>
  );
}

function StaffPart({ me }: { me: Extract<MeView, { kind: 'staff' }> }) {
  if (me.mustChangePassword) {
    return (
      <Section title="先换密码">
        <Notice title="您还在用临时密码">换成只有自己知道的密码后，才能开始办事。</Notice>
        <Button onClick={() => void Taro.navigateTo({ url: STAFF_PASSWORD_PAGE })}>换密码</Button>
      </Section>
    );
  }
  return (
    <>
      <StaffConsole me={me} />
      {me.region.level !== 'community' ? (
        <StaffCommunities me={me} />
      ) : (
        <Section title="本社区">
          <CellGroup>
            <Cell
              title="本社区登记的老人"
              description={`${me.region.name}的老人名单（证件号已隐去中间部分）`}
              onClick={() => void Taro.navigateTo({ url: ELDERS_PAGE })}
            />
          </CellGroup>
        </Section>
      )}
      {process.env.TARO_ENV === 'weapp' ? <BindWechat /> : null}
    </>
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
              description={me.kind === 'staff' ? `${STAFF_ROLE_TEXT[me.role]} · ${me.region.name}` : '居民（家属） · 点这里改称呼'}
              onClick={me.kind === 'resident' ? () => void Taro.navigateTo({ url: '/subpackages/family/pages/name/index' }) : undefined}
            />
          </CellGroup>
          {me.kind === 'resident' ? <ResidentPart /> : <StaffPart me={me} />}
        </>
      ) : null}

      <Section title="设置">
        <ElderSwitch />
        {status === 'signedIn' ? (
          <Button variant="link" onClick={() => void signOut()}>
            退出登录
          </Button>
        ) : null}
      </Section>

      {/* a small link at the very bottom: staff need it once (in WeChat, to then bind their own WeChat), residents can pass it by */}
      {me?.kind !== 'staff' ? (
        <Button variant="link" small onClick={() => void Taro.navigateTo({ url: '/pages/staff-login/index' })}>
          工作人员登录
        </Button>
      ) : null}
    </PageShell>
  );
}
