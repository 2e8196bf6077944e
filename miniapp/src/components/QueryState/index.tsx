import { Notice } from '../Notice';
import { Button } from '../Button';
import { messageFor } from '../../features/errors/messages';

/** what QueryState reads of a TanStack query (or anything shaped like one) */
export interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

export interface QueryStateProps {
  query: QueryLike;
  /** what is being read, in the words of the page: 正在读取可以约的时间… */
  loading?: string;
  /** the error's title: 时间没有读出来 */
  errorTitle?: string;
  /** the query succeeded but there is nothing to show */
  empty?: boolean;
  emptyTitle?: string;
  emptyText?: string;
}

/**
 * The three states every page that reads from the API has besides its content, said the same way everywhere:
 * reading (in words), not read (why, and 再试一次), and nothing there. The page shows its content itself.
 */
export function QueryState({ query, loading = '正在读取…', errorTitle = '没有读出来', empty, emptyTitle, emptyText }: QueryStateProps) {
  if (query.isPending) return <Notice>{loading}</Notice>;
  if (query.isError) {
    return (
      <>
        <Notice tone="error" title={errorTitle}>
          {messageFor(query.error)}
        </Notice>
        <Button variant="secondary" onClick={() => void query.refetch()}>
          再试一次
        </Button>
      </>
    );
  }
  if (empty) return <Notice title={emptyTitle}>{emptyText}</Notice>;
  return null;
}
