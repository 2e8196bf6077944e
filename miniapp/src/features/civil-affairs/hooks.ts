import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routeRefs, type RegistryImportReportView, type RegistryImportUploadInput } from '@jianban/shared';
import { call } from '../../services/http';

const KEY = ['registry-imports'] as const;

export function useRegistryImports() {
  return useQuery({ queryKey: KEY, queryFn: () => call(routeRefs.registryImports, {}) });
}

export function useUploadRegistryImport() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (input: RegistryImportUploadInput) => call(routeRefs.uploadRegistryImport, input), onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

export function useApproveRegistryImport() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => call(routeRefs.approveRegistryImport, {}, { id }), onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

/** the validation report of one import (every download is in the audit) */
export function fetchRegistryReport(id: string): Promise<RegistryImportReportView> {
  return call(routeRefs.registryImportReport, {}, { id });
}
