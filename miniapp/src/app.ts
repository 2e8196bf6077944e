import { z } from 'zod';
// zod probes `new Function`, which WeChat forbids: configure before any schema runs
z.config({ jitless: true });

import { createElement, type PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './services/query';
import { recheckSystemFont, startSession } from './services/session';
import { installKeyboardActivation } from './components/keyboard';
import './app.scss';

installKeyboardActivation();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void startSession();
  });
  // back from the background: the user may have changed WeChat's font size (长辈模式 follows it unless they chose)
  useDidShow(() => {
    recheckSystemFont();
  });
  return createElement(QueryClientProvider, { client: queryClient }, children);
}

export default App;
