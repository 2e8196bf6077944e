import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect, useRef } from 'react';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { useSession } from '../../../../services/session';
import { messageFor } from '../../../../features/errors/messages';
import { linkTarget, messageTime } from '../../../../features/notifications/inbox';
import { useInboxMessage, useMarkRead } from '../../../../features/notifications/hooks';
import styles from './index.module.scss';

const MESSAGES_TAB = '/pages/messages/index';

export default function MessageDetailPage() {
  const { me, status } = useSession();
  const id = Taro.getCurrentInstance().router?.params?.id ?? '';
  const message = useInboxMessage(id);
  const markRead = useMarkRead();
  const marked = useRef(false);

  // opening a message marks it read (once)
  useEffect(() => {
    if (message.data && !message.data.readAt && !marked.current) {
      marked.current = true;
      markRead.mutate(message.data.id);
    }
  }, [message.data, markRead]);

  const back = () => void Taro.switchTab({ url: MESSAGES_TAB });

  if (status === 'loading' || (status === 'signedIn' && message.isPending && !!id)) {
    return (
      <PageShell title="消息">
        <Notice>正在读取…</Notice>
      </PageShell>
    );
  }
  if (status !== 'signedIn' || !id || message.isError || !message.data) {
    return (
      <PageShell title="消息">
        <Notice tone="error" title="这条消息打不开">
          {status !== 'signedIn' ? '请先登录。' : message.isError ? messageFor(message.error) : '没有找到这条消息。'}
        </Notice>
        <Button variant="secondary" onClick={back}>回到消息</Button>
      </PageShell>
    );
  }

  const m = message.data;
  const target = linkTarget(m.link, me?.kind === 'staff' ? 'staff' : 'resident');
  return (
    <PageShell title={m.title}>
      <View className={styles.card}>
        <Text className={styles.time}>{messageTime(m.createdAt, new Date())}</Text>
        <Text className={styles.body}>{m.body}</Text>
      </View>
      {target?.kind === 'page' ? <Button onClick={() => void Taro.navigateTo({ url: target.url })}>{target.label}</Button> : null}
      {target?.kind === 'note' ? <Notice tone="soon" title="津贴功能还在做">{target.text}</Notice> : null}
      <Button variant="secondary" onClick={back}>回到消息</Button>
    </PageShell>
  );
}
