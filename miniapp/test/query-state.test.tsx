import { describe, expect, it, jest } from '@jest/globals';
import { isValidElement, type ReactElement } from 'react';

jest.mock('@tarojs/components', () => ({ View: 'view', Text: 'text', Button: 'button', Input: 'input', Textarea: 'textarea' }));
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { QueryState } = require('../src/components/QueryState') as typeof import('../src/components/QueryState');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Notice } = require('../src/components/Notice') as typeof import('../src/components/Notice');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Button } = require('../src/components/Button') as typeof import('../src/components/Button');

const idle = { isPending: false, isError: false, error: null, refetch: () => undefined };

describe('QueryState: reading, not read (with a retry), nothing there', () => {
  it('says what is being read while the query is pending', () => {
    const el = QueryState({ query: { ...idle, isPending: true }, loading: '正在读取可以约的时间…' }) as ReactElement<{ children: string }>;
    expect(el.type).toBe(Notice);
    expect(el.props.children).toBe('正在读取可以约的时间…');
  });

  it('on an error shows why and a 再试一次 button that reads again', () => {
    const refetch = jest.fn();
    const el = QueryState({ query: { ...idle, isError: true, error: new Error('x'), refetch }, errorTitle: '时间没有读出来' }) as ReactElement<{ children: ReactElement<{ title?: string; tone?: string; onClick?: () => void; children: string }>[] }>;
    const [notice, retry] = el.props.children;
    expect(notice.type).toBe(Notice);
    expect(notice.props.tone).toBe('error');
    expect(notice.props.title).toBe('时间没有读出来');
    expect(retry.type).toBe(Button);
    expect(retry.props.children).toBe('再试一次');
    retry.props.onClick!();
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it('shows the empty notice only when asked, and nothing once the content is there', () => {
    const empty = QueryState({ query: idle, empty: true, emptyTitle: '还没有消息' }) as ReactElement<{ title: string }>;
    expect(isValidElement(empty)).toBe(true);
    expect(empty.props.title).toBe('还没有消息');
    expect(QueryState({ query: idle })).toBeNull();
  });
});
