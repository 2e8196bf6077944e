// query keys carry the signed-in person's id, so one person's bookings never show for another
export const bookingKeys = {
  all: ['booking'] as const,
  items: (code: string) => ['booking', 'items', code] as const,
  availability: (serviceItemId: string) => ['booking', 'availability', serviceItemId] as const,
  mine: (meId: string, scope: string, page: number) => ['booking', 'mine', meId, scope, page] as const,
  one: (meId: string, id: string) => ['booking', 'one', meId, id] as const,
  staffDay: (meId: string, code: string, date: string, status: string, page: number) => ['booking', 'staff-day', meId, code, date, status, page] as const,
  queue: (meId: string, code: string, view: string, page: number, pageSize: number) => ['booking', 'queue', meId, code, view, page, pageSize] as const,
  staffOne: (meId: string, id: string) => ['booking', 'staff-one', meId, id] as const,
  flagged: (meId: string, code: string, page: number) => ['booking', 'flagged', meId, code, page] as const,
  colleagues: (meId: string, code: string) => ['booking', 'colleagues', meId, code] as const,
  // configuration of a community's centre (staff)
  settings: (meId: string, code: string) => ['booking', 'settings', meId, code] as const,
  closures: (meId: string, code: string) => ['booking', 'closures', meId, code] as const,
  staffItems: (meId: string, code: string) => ['booking', 'staff-items', meId, code] as const,
  // the statutory holiday schedule is the same for everyone; the availability pages depend on it
  statutoryYears: ['booking', 'statutory'] as const,
  statutoryYear: (year: number) => ['booking', 'statutory', year] as const,
  statutoryGap: ['booking', 'statutory', 'gap'] as const,
};
