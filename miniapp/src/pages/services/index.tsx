import Taro, { useDidShow } from '@tarojs/taro';
import { PageShell, Section } from '../../components/PageShell';
import { Cell, CellGroup } from '../../components/Cell';
import { Notice } from '../../components/Notice';
import { useSession } from '../../services/session';
import { BOOKING_START_PAGE, MY_BOOKINGS_PAGE } from '../../features/booking/pages';
import { ALLOWANCE_ELDER_PAGE, ALLOWANCE_HOME_PAGE } from '../../features/allowance/pages';
import { consoleLinksFor } from '../../features/staff/console';
import { useUnreadCount } from '../../features/notifications/hooks';

export default function ServicesPage() {
  const { me, status } = useSession();
  const unread = useUnreadCount();
  // keep the 消息 badge of the tab bar (components/TabBar) current on this tab too
  useDidShow(() => {
    if (status === 'signedIn') void unread.refetch();
  });

  const go = (url: string) => void Taro.navigateTo({ url });

  if (me?.kind === 'staff') {
    const links = consoleLinksFor(me.role);
    return (
      <PageShell title="办事" intro="工作人员：处理居民的预约。">
        {links.length > 0 ? (
          <CellGroup>
            {links.map((l) => (
              <Cell key={l.url} large title={l.title} description={l.description} onClick={() => go(l.url)} />
            ))}
          </CellGroup>
        ) : (
          <Notice>您的岗位在这里没有要处理的事项。</Notice>
        )}
      </PageShell>
    );
  }

  return (
    <PageShell title="办事" intro="在手机上约好时间，到社区不用排队；替家里老人申请高龄津贴。">
      <Section title="到社区办事">
        <CellGroup>
          <Cell large title="预约办事" description="选好事项和时间，可以替家里老人约。" onClick={() => go(BOOKING_START_PAGE)} />
          <Cell large title="我的预约" description="看预约的时间、凭证和负责人；可以取消或改时间。" onClick={() => go(MY_BOOKINGS_PAGE)} />
        </CellGroup>
      </Section>
      <Section title="高龄津贴">
        <CellGroup>
          <Cell large title="为家人申请高龄津贴" description="80岁以上老人每月可以领。不用开任何证明，4步办完。" onClick={() => go(ALLOWANCE_ELDER_PAGE)} />
          <Cell large title="高龄津贴办到哪了" description="看申请进度、每月领多少、社区公示名单。" onClick={() => go(ALLOWANCE_HOME_PAGE)} />
        </CellGroup>
      </Section>
    </PageShell>
  );
}
