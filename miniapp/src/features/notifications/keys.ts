// query keys carry the signed-in person's id, so one person's messages never show for another
export const inboxKeys = {
  all: ['inbox'] as const,
  list: (meId: string) => ['inbox', 'list', meId] as const,
  unread: (meId: string) => ['inbox', 'unread', meId] as const,
  message: (meId: string, id: string) => ['inbox', 'message', meId, id] as const,
};

export const templateKeys = {
  purpose: (meId: string, purpose: string) => ['notifications', 'templates', meId, purpose] as const,
};
