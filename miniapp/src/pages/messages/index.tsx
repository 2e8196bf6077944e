import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { PageShell } from '../../components/PageShell';
import { Notice } from '../../components/Notice';
import { Button } from '../../components/Button';
import { MessageRow } from '../../components/MessageRow';
import { useSession } from '../../services/session';
import { messageFor } from '../../features/errors/messages';
import { INBOX_DETAIL_PAGE, mergePages, unreadSummary } from '../../features/notifications/inbox';
import { useInbox, useMarkAllRead, useUnreadCount } from '../../features/notifications/hooks';
import { a11y } from '../../components/a11y';
import { QueryState } from '../../components/QueryState';

export default function MessagesPage() {
  const { status } = useSession();
  const inbox = useInbox();
  const unread = useUnreadCount();
  const markAll = useMarkAllRead();

  // a tab page stays mounted: read again whenever it is shown (a message may have arrived meanwhile)
  useDidShow(() => {
    if (status !== 'signedIn') return;
    void inbox.refetch();
    void unread.refetch();
  });

  const count = unread.data?.unread ?? inbox.data?.pages[0]?.unread ?? 0;

  const items = useMemo(() => mergePages(inbox.data?.pages ?? []), [inbox.data]);
  const total = inbox.data?.pages[inbox.data.pages.length - 1]?.total ?? 0;
  const now = new Date();

  if (status === 'loading') {
    return (
      <PageShell title="消息">
        <Notice>正在登录…</Notice>
      </PageShell>
    );
  }
  if (status !== 'signedIn') {
    return (
      <PageShell title="消息">
        <Notice title="登录后才能看消息">预约和申请有进展时，会在这里告诉您。请到“我的”页面登录。</Notice>
      </PageShell>
    );
  }

  return (
    <PageShell title="消息" intro="预约和申请有进展时，会在这里告诉您。新的在最上面。">
      <QueryState query={inbox} loading="正在读取消息…" errorTitle="消息没有读出来" />
      {inbox.data && items.length === 0 ? <Notice title="还没有消息">预约和申请有进展时，会在这里告诉您。</Notice> : null}
      {items.length > 0 ? (
        <>
          <Notice tone={count > 0 ? 'info' : 'success'} title={unreadSummary(count)}>
            {total > items.length ? `共 ${total} 条，已显示 ${items.length} 条` : `共 ${total} 条`}
          </Notice>
          {markAll.isError ? <Notice tone="error" title="没有标成已读">{messageFor(markAll.error)}</Notice> : null}
          {count > 0 ? (
            <Button variant="secondary" loading={markAll.isPending} onClick={() => markAll.mutate()}>
              全部标为已读
            </Button>
          ) : null}
          <View {...a11y('list', { label: '消息列表' })}>
            {items.map((m) => (
              <View key={m.id} {...a11y('listitem')}>
                <MessageRow message={m} now={now} onOpen={() => void Taro.navigateTo({ url: `${INBOX_DETAIL_PAGE}?id=${m.id}` })} />
              </View>
            ))}
          </View>
          {inbox.isFetchNextPageError ? <Notice tone="error" title="更多消息没有读出来">{messageFor(inbox.error)}</Notice> : null}
          {inbox.hasNextPage ? (
            <Button variant="secondary" loading={inbox.isFetchingNextPage} onClick={() => void inbox.fetchNextPage()}>
              更多
            </Button>
          ) : (
            <Notice>没有更早的消息了。</Notice>
          )}
        </>
      ) : null}
    </PageShell>
  );
}
