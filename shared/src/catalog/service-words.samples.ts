import type { Sample } from '../route-sample';
import type { serviceWordsRoutes } from './service-words.routes';

// test-only: a valid sample for every route of the service words (routes.spec.ts fails on a route without one)
export const SERVICE_WORDS_SAMPLES: Record<keyof typeof serviceWordsRoutes, Sample> = {
  searchServiceWords: { input: {} },
  updateSearchServiceWords: { input: { baseVersion: 1, words: [{ word: '老人补贴', kind: 'name', source: null }], changeNote: '居民常这样说' }, params: { service: 'allowance' } },
  searchServiceWordsHistory: { input: {}, params: { service: 'allowance' } },
};
