import { z } from 'zod';
// zod probes `new Function`, which WeChat forbids: configure before any schema runs
z.config({ jitless: true });

import { createElement, type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './services/query';
import { startSession } from './services/session';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void startSession();
  });
  return createElement(QueryClientProvider, { client: queryClient }, children);
}

export default App;
