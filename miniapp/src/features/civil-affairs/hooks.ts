import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routes, type RegistryImportReportView, type RegistryImportUploadInput } from '@jianban/shared';
import { call } from '../../services/http';

const KEY = ['registry-imports'] as const;

export function useRegistryImports() {
  return useQuery({ queryKey: KEY, queryFn: () => call(routes.registryImports, {}) });
}

export function useUploadRegistryImport() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (input: RegistryImportUploadInput) => call(routes.uploadRegistryImport, input), onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

export function useApproveRegistryImport() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => call(routes.approveRegistryImport, {}, { id }), onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

/** the validation report of one import (every download is in the audit) */
export function fetchRegistryReport(id: string): Promise<RegistryImportReportView> {
  return call(routes.registryImportReport, {}, { id });
}
