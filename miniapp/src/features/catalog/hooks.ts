import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  routeRefs,
  type CatalogList,
  type RouteInput,
  type DemandStatus,
  type ProposeChangeInput,
  type UpdateDemandStatusInput,
  type UpdateItemInput,
  type UpdateWorkListInput,
  type WorkListKind,
} from '@jianban/shared';
import { call } from '../../services/http';
import { useSession } from '../../services/session';
import { catalogKeys } from './keys';

// item content changes only through staff edits: a staff member's own edit refreshes it at once (invalidate below)
const CONTENT_STALE_MS = 60_000;

export function useCatalogSearch(q: string, community = '') {
  return useQuery({
    queryKey: catalogKeys.search(q, community),
    queryFn: () => call(routeRefs.catalogSearch, community ? { q, community } : { q }),
    staleTime: CONTENT_STALE_MS,
    // keep the last results on screen while the next ones load (the list does not jump)
    placeholderData: keepPreviousData,
  });
}

export function useCatalogLists(community = '', list?: CatalogList) {
  return useQuery({
    queryKey: catalogKeys.lists(community, list),
    queryFn: () => call(routeRefs.catalogLists, { community: community || undefined, list }),
    staleTime: CONTENT_STALE_MS,
  });
}

export function useCatalogItem(code: string, community = '') {
  return useQuery({
    queryKey: catalogKeys.item(code, community),
    queryFn: () => call(routeRefs.catalogItem, community ? { community } : {}, { itemCode: code }),
    enabled: !!code,
    staleTime: CONTENT_STALE_MS,
  });
}

export function useWorkLists() {
  return useQuery({ queryKey: catalogKeys.workLists, queryFn: () => call(routeRefs.workLists, {}), staleTime: CONTENT_STALE_MS });
}

export function useMyDemandReports(page = 1) {
  const { me } = useSession();
  const meId = me?.kind === 'resident' ? me.id : '';
  return useQuery({
    queryKey: catalogKeys.myReports(meId, page),
    queryFn: () => call(routeRefs.myDemandReports, { page, pageSize: 20 }),
    enabled: !!meId,
    placeholderData: keepPreviousData,
  });
}

export function useCreateDemandReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RouteInput<typeof routeRefs.createDemandReport>) => call(routeRefs.createDemandReport, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.myReportsAll }),
  });
}

// ---- staff ----

export function useItemHistory(code: string) {
  return useQuery({ queryKey: catalogKeys.history(code), queryFn: () => call(routeRefs.catalogItemHistory, {}, { itemCode: code }), enabled: !!code });
}

export function useUpdateItem(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateItemInput) => call(routeRefs.updateCatalogItem, input, { itemCode: code }),
    // the new version shows in every list, search and item page of this app at once
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.content }),
  });
}

export function useProposeChange(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ProposeChangeInput) => call(routeRefs.proposeCatalogChange, input, { itemCode: code }),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.proposalsAll }),
  });
}

export function useCreateCommunityItem(community: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RouteInput<typeof routeRefs.createCommunityItem>) => call(routeRefs.createCommunityItem, input, { code: community }),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.content }),
  });
}

export function useProposals(status: 'pending' | 'accepted' | 'rejected' | '', page = 1) {
  return useQuery({
    queryKey: catalogKeys.proposals(status, page),
    queryFn: () => call(routeRefs.catalogProposals, { page, pageSize: 20, only: status || undefined }),
    placeholderData: keepPreviousData,
  });
}

export function useDecideProposal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: RouteInput<typeof routeRefs.decideCatalogProposal> }) => call(routeRefs.decideCatalogProposal, input, { id }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: catalogKeys.proposalsAll });
      void qc.invalidateQueries({ queryKey: catalogKeys.content });
    },
  });
}

export function useDemandQueue(status: DemandStatus | '', page = 1) {
  return useQuery({
    queryKey: catalogKeys.queue(status, page),
    queryFn: () => call(routeRefs.demandReportQueue, { page, pageSize: 20, only: status || undefined }),
    placeholderData: keepPreviousData,
  });
}

export function useUpdateDemandStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateDemandStatusInput }) => call(routeRefs.updateDemandReportStatus, input, { id }),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.queueAll }),
  });
}

export function useUpdateWorkList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, input }: { kind: WorkListKind; input: UpdateWorkListInput }) => call(routeRefs.updateWorkList, input, { kind }),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.workLists }),
  });
}
