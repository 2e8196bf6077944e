// query keys carry the signed-in person's id, so one person's applications never show for another
export const allowanceKeys = {
  all: ['allowance'] as const,
  policy: ['allowance', 'policy'] as const,
  mine: (meId: string, page: number) => ['allowance', 'mine', meId, page] as const,
  one: (meId: string, id: string) => ['allowance', 'one', meId, id] as const,
  publicity: (code: string, page: number) => ['allowance', 'publicity', code, page] as const,
  queue: (meId: string, code: string, view: string, page: number) => ['allowance', 'queue', meId, code, view, page] as const,
  reviews: (meId: string, code: string, stage: string, page: number) => ['allowance', 'reviews', meId, code, stage, page] as const,
  staffOne: (meId: string, id: string) => ['allowance', 'staff-one', meId, id] as const,
};
