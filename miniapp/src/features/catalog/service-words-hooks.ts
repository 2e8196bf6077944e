import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routeRefs, type SearchServiceId, type UpdateServiceWordsInput } from '@jianban/shared';
import { call } from '../../services/http';
import { catalogKeys } from './keys';

const SERVICE_WORDS = ['catalog', 'service-words'] as const;

export function useServiceWords() {
  return useQuery({ queryKey: SERVICE_WORDS, queryFn: () => call(routeRefs.searchServiceWords, {}) });
}

export function useServiceWordsHistory(service: SearchServiceId) {
  return useQuery({ queryKey: [...SERVICE_WORDS, 'history', service], queryFn: () => call(routeRefs.searchServiceWordsHistory, {}, { service }) });
}

export function useUpdateServiceWords() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ service, input }: { service: SearchServiceId; input: UpdateServiceWordsInput }) => call(routeRefs.updateSearchServiceWords, input, { service }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: SERVICE_WORDS });
      // a resident's search answers change with the words
      void qc.invalidateQueries({ queryKey: catalogKeys.content });
    },
  });
}
