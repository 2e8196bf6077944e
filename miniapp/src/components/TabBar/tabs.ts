// Pure logic of the bottom tab bar (tested without Taro): which tabs, which one is current, what a screen reader says.
import { badgeText } from '../../features/notifications/inbox';
import type { TabIcon } from './icons';

export interface TabDef {
  path: string;
  text: string;
  icon: TabIcon;
}

/** the same four pages, in the same order, as app.config.ts's tabBar list */
export const TABS: readonly TabDef[] = [
  { path: 'pages/index/index', text: '首页', icon: 'home' },
  { path: 'pages/services/index', text: '办事', icon: 'services' },
  { path: 'pages/messages/index', text: '消息', icon: 'messages' },
  { path: 'pages/me/index', text: '我的', icon: 'me' },
];

/** '/pages/me/index?x=1' or 'pages/me/index' → the tab's index, or -1 when the page is not a tab page */
export function tabIndexOf(route: string | null | undefined): number {
  if (!route) return -1;
  const path = route.replace(/^\/+/, '').replace(/[?#].*$/, '');
  return TABS.findIndex((t) => t.path === path);
}

/** what a screen reader says for a tab: 消息3条未读 (it starts with the words shown, 消息 3, as WCAG 2.5.3 asks) */
export function tabLabel(tab: TabDef, unread: number): string {
  const badge = tab.icon === 'messages' ? badgeText(unread) : null;
  return badge ? `${tab.text}${badge}条未读` : tab.text;
}
