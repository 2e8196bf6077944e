import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useSession } from '../../services/session';
import { useUnreadCount } from '../../features/notifications/hooks';
import { badgeText } from '../../features/notifications/inbox';
import { a11y } from '../a11y';
import { iconSrc } from './icons';
import { tabLabel, TABS } from './tabs';
import styles from './index.module.scss';

// colours of tokens.scss ($color-primary, $color-text-secondary): the icons are data URIs, so they cannot read SCSS
const ON = '#0b57d0';
const OFF = '#4a4a4a';

/**
 * The bottom tab bar with icons, large in 长辈模式, with the unread count on 消息. The weapp uses it as Taro's custom
 * tab bar (src/custom-tab-bar); the H5 build has no custom tab bar (NervJS/taro#10049), so PageShell draws it in
 * the page on the four tab pages.
 */
export function TabBar({ current }: { current: number }) {
  const { elder, status } = useSession();
  const unread = useUnreadCount();
  const count = status === 'signedIn' ? (unread.data?.unread ?? 0) : 0;
  const badge = badgeText(count);
  const go = (i: number) => {
    if (i !== current) void Taro.switchTab({ url: `/${TABS[i].path}` });
  };
  return (
    <View className={`${styles.bar}${elder ? ` ${styles.elder}` : ''}`} {...a11y('navigation', { label: '页面导航' })}>
      {TABS.map((t, i) => {
        const on = i === current;
        const current_ = on && process.env.TARO_ENV === 'h5' ? { 'aria-current': 'page' } : {};
        return (
          <View key={t.path} className={`${styles.tab}${on ? ` ${styles.on}` : ''}`} onClick={() => go(i)} {...a11y('link', { label: tabLabel(t, count) })} {...current_}>
            <View className={styles.iconBox} aria-hidden="true">
              <Image className={styles.icon} src={iconSrc(t.icon, on ? ON : OFF)} />
            </View>
            <Text className={styles.text}>{t.text}</Text>
            {/* after the word in reading order (消息 3), drawn on the icon's corner */}
            {t.icon === 'messages' && badge ? <Text className={styles.badge}>{badge}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
