import type { CatalogList } from '@jianban/shared';

// the two lists as residents call them (tabs on the home page)
export const LIST_TAB_TEXT: Record<CatalogList, string> = {
  not_issue: '社区不再开的证明',
  issue: '社区还开的证明',
};

// a short tag at the right of a row
export const LIST_TAG: Record<CatalogList, string> = {
  not_issue: '不再开具',
  issue: '社区可开',
};

export const HOME_TABS: readonly CatalogList[] = ['not_issue', 'issue'];
