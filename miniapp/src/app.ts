import { z } from 'zod';
// zod probes `new Function`, which WeChat forbids: configure before any schema runs
z.config({ jitless: true });

import { createElement, type PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './services/query';
import { getSession, recheckSystemFont, startSession } from './services/session';
import { checkUnseenSubmits } from './services/unseen-submits';
import { installKeyboardActivation } from './components/keyboard';
import { installPageLoadErrors } from './services/page-load-errors';
import { installLargeDialogs } from './services/large-dialogs';
import './app.scss';

installKeyboardActivation();
installPageLoadErrors();
installLargeDialogs();

// a booking she submitted and left before the answer: tell her if it went through (services/unseen-submits.ts)
const tellUnseen = () => (getSession().me?.kind === 'resident' ? checkUnseenSubmits() : Promise.resolve());

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void startSession().then(tellUnseen);
  });
  // back from the background: the user may have changed WeChat's font size (长辈模式 follows it unless they chose)
  useDidShow(() => {
    recheckSystemFont();
    if (getSession().status === 'signedIn') void tellUnseen();
  });
  return createElement(QueryClientProvider, { client: queryClient }, children);
}

export default App;
