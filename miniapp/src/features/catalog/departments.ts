// the department directory (issue 14 item 1): read on item pages, completed by the district admin.
// Kept out of hooks.ts so the main package (home page) does not carry it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DEPARTMENT_MISSING_TEXT, routeRefs, type DepartmentView, type UpdateDepartmentInput } from '@jianban/shared';
import { call } from '../../services/http';

const KEY = ['catalog', 'departments'] as const;

export function useDepartments() {
  return useQuery({ queryKey: KEY, queryFn: () => call(routeRefs.catalogDepartments, {}), staleTime: 60_000 });
}

export function useUpdateDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, input }: { code: string; input: UpdateDepartmentInput }) => call(routeRefs.updateDepartment, input, { deptCode: code }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** the departments an item's route sends residents to */
export const departmentsFor = (all: readonly DepartmentView[], itemCode: string): DepartmentView[] => all.filter((d) => d.itemCodes.includes(itemCode));

/** a field as a resident reads it: the value, or that the district admin has not filled it in yet */
export const fieldText = (value: string | null): string => value ?? DEPARTMENT_MISSING_TEXT;
