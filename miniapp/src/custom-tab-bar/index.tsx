import Taro from '@tarojs/taro';
import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from '../services/query';
import { TabBar } from '../components/TabBar';
import { tabIndexOf } from '../components/TabBar/tabs';

/**
 * The weapp's custom tab bar (app.config.ts: tabBar.custom). WeChat gives every tab page its own instance, created
 * while that page is the top of the stack, so the current tab is read once from the page stack. It sits outside the
 * App component's tree, hence its own provider around the same query client (the unread count is shared).
 */
export default function CustomTabBar() {
  const [current] = useState(() => {
    const pages = Taro.getCurrentPages();
    return tabIndexOf(pages[pages.length - 1]?.route);
  });
  return (
    <QueryClientProvider client={queryClient}>
      <TabBar current={current} />
    </QueryClientProvider>
  );
}
