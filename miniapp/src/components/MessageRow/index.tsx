import { View, Text } from '@tarojs/components';
import type { InboxMessageView } from '@jianban/shared';
import { messageA11yLabel, messageTime, unreadMark } from '../../features/notifications/inbox';
import styles from './index.module.scss';
import { a11y } from '../a11y';

/** one inbox message in the list: unread ones carry the word 未读, a bold title and a thick left bar (not colour alone) */
export function MessageRow({ message, now, onOpen }: { message: InboxMessageView; now: Date; onOpen: () => void }) {
  const mark = unreadMark(message);
  return (
    <View
      className={`${styles.row}${mark ? ` ${styles.unread}` : ''}`}
      hoverClass={styles.pressed}
      onClick={onOpen}
      {...a11y('button', { label: messageA11yLabel(message, now) })}
    >
      <View className={styles.head}>
        {mark ? <Text className={styles.mark}>{mark}</Text> : <Text className={styles.read}>已读</Text>}
        <Text className={styles.time}>{messageTime(message.createdAt, now)}</Text>
      </View>
      <Text className={styles.title}>{message.title}</Text>
      <Text className={styles.body}>{message.body}</Text>
      <Text className={styles.open}>点这里看详情 ›</Text>
    </View>
  );
}
