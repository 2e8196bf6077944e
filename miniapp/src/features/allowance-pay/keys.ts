// query keys carry the signed-in person's id, so one person's data never shows for another
export const payKeys = {
  family: (meId: string, memberId: string) => ['allowance-pay', 'family', meId, memberId] as const,
  invitation: (meId: string, memberId: string) => ['allowance-pay', 'invitation', meId, memberId] as const,
  settings: (meId: string) => ['allowance-pay', 'settings', meId] as const,
  months: (meId: string) => ['allowance-pay', 'months', meId] as const,
  month: (meId: string, month: string) => ['allowance-pay', 'month', meId, month] as const,
  decisions: (meId: string, month: string, page: number) => ['allowance-pay', 'decisions', meId, month, page] as const,
  figures: (meId: string, from: string, to: string) => ['allowance-pay', 'figures', meId, from, to] as const,
  tasks: (meId: string, code: string, kind: string, page: number) => ['allowance-pay', 'tasks', meId, code, kind, page] as const,
  candidates: (meId: string, code: string, page: number) => ['allowance-pay', 'candidates', meId, code, page] as const,
  recipient: (meId: string, id: string) => ['allowance-pay', 'recipient', meId, id] as const,
};
