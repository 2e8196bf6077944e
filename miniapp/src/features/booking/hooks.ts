import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  routeRefs,
  type BookingDetailView,
  type CreateBookingInput,
  type CreateServiceItemInput,
  type PublishStatutoryYearInput,
  type StaffBookingDetailView,
  type StaffQueueView,
  type UpdateBookingSettingsInput,
  type UpdateServiceItemInput,
} from '@jianban/shared';
import { call } from '../../services/http';
import { useMeId, useSession } from '../../services/session';
import { bookingKeys } from './keys';

export function useServiceItems(communityCode: string | null) {
  return useQuery({
    queryKey: bookingKeys.items(communityCode ?? ''),
    queryFn: () => call(routeRefs.listServiceItems, {}, { code: communityCode as string }),
    enabled: !!communityCode,
    staleTime: 5 * 60_000,
  });
}

export function useAvailability(serviceItemId: string) {
  return useQuery({
    queryKey: bookingKeys.availability(serviceItemId),
    queryFn: () => call(routeRefs.serviceAvailability, {}, { id: serviceItemId }),
    enabled: !!serviceItemId,
    staleTime: 15_000,
  });
}

export function useMyBookings(scope: 'active' | 'past', page: number) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.mine(meId, scope, page),
    queryFn: () => call(routeRefs.myBookings, { scope, page, pageSize: 20 }),
    enabled: meId.startsWith('resident:'),
    placeholderData: keepPreviousData,
  });
}

export function useBooking(id: string) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.one(meId, id),
    queryFn: () => call(routeRefs.getBooking, {}, { id }),
    enabled: meId.startsWith('resident:') && !!id,
  });
}

/** after a change to one booking: put the answer in the cache and refresh lists and availability */
function useSettleBooking() {
  const qc = useQueryClient();
  const meId = useMeId();
  return (b: BookingDetailView) => {
    qc.setQueryData(bookingKeys.one(meId, b.id), b);
    void qc.invalidateQueries({ queryKey: ['booking', 'mine'] });
    void qc.invalidateQueries({ queryKey: ['booking', 'availability'] });
  };
}

export function useCreateBooking() {
  const settle = useSettleBooking();
  return useMutation({ mutationFn: (input: CreateBookingInput) => call(routeRefs.createBooking, input), onSuccess: settle });
}
export function useCancelBooking() {
  const settle = useSettleBooking();
  return useMutation({ mutationFn: (id: string) => call(routeRefs.cancelBooking, {}, { id }), onSuccess: settle });
}
export function useRescheduleBooking() {
  const settle = useSettleBooking();
  return useMutation({
    mutationFn: (v: { id: string; date: string; start: string }) => call(routeRefs.rescheduleBooking, { date: v.date, start: v.start }, { id: v.id }),
    onSuccess: settle,
  });
}

// ---- staff ----

export function useStaffDay(code: string | null, date: string, status: string, page: number) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.staffDay(meId, code ?? '', date, status, page),
    queryFn: () =>
      call(
        routeRefs.staffDayBookings,
        status ? { date, page, pageSize: 50, state: status as BookingDetailView['status'] } : { date, page, pageSize: 50 },
        { code: code as string },
      ),
    enabled: !!code && meId.startsWith('staff:'),
    placeholderData: keepPreviousData,
  });
}

export function useStaffBooking(id: string) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.staffOne(meId, id),
    queryFn: () => call(routeRefs.staffGetBooking, {}, { id }),
    enabled: !!id && meId.startsWith('staff:'),
  });
}

/** after a staff action: the answer is the new state of the case */
export function useStaffSettle() {
  const qc = useQueryClient();
  const meId = useMeId();
  return (b: StaffBookingDetailView) => {
    qc.setQueryData(bookingKeys.staffOne(meId, b.id), b);
    void qc.invalidateQueries({ queryKey: ['booking', 'staff-day'] });
    void qc.invalidateQueries({ queryKey: ['booking', 'flagged'] });
  };
}

export const QUEUE_PAGE_SIZE = 20;

/** the staff queue across days: 待确认 (pending) or 我负责的 / 转给我的 (mine); pageSize 1 reads just the count */
export function useStaffQueue(code: string | null, view: StaffQueueView, page: number, pageSize = QUEUE_PAGE_SIZE, enabled = true) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.queue(meId, code ?? '', view, page, pageSize),
    queryFn: () => call(routeRefs.staffBookingQueue, { view, page, pageSize }, { code: code as string }),
    enabled: enabled && !!code && meId.startsWith('staff:'),
    placeholderData: keepPreviousData,
    // colleagues confirm and hand over all the time: a tab shown again is read again (the cached rows show meanwhile)
    staleTime: 0,
  });
}

export function useFlagged(code: string | null, page: number) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.flagged(meId, code ?? '', page),
    queryFn: () => call(routeRefs.staffFlaggedBookings, { page, pageSize: 50 }, { code: code as string }),
    enabled: !!code && meId.startsWith('staff:'),
  });
}

export function useColleagues(code: string | null) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.colleagues(meId, code ?? ''),
    queryFn: () => call(routeRefs.staffColleagues, {}, { code: code as string }),
    enabled: !!code && meId.startsWith('staff:'),
    staleTime: 5 * 60_000,
  });
}

// ---- the statutory holiday schedule (staff) ----

export function useStatutoryYears() {
  return useQuery({ queryKey: bookingKeys.statutoryYears, queryFn: () => call(routeRefs.staffStatutoryYears, {}) });
}

export function useStatutoryYear(year: number | null) {
  return useQuery({
    queryKey: bookingKeys.statutoryYear(year ?? 0),
    queryFn: () => call(routeRefs.staffGetStatutoryYear, {}, { year: String(year) }),
    enabled: year !== null,
  });
}

/** the year the booking window will soon reach (or has reached) with no schedule: the staff pages' banner */
export function useStatutoryGap() {
  const meId = useMeId();
  return useQuery({
    queryKey: [...bookingKeys.statutoryGap, meId],
    queryFn: () => call(routeRefs.staffStatutoryGap, {}),
    enabled: meId.startsWith('staff:'),
    staleTime: 10 * 60_000,
  });
}

export function usePublishStatutoryYear(year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PublishStatutoryYearInput) => call(routeRefs.staffPublishStatutoryYear, input, { year: String(year) }),
    onSuccess: (view) => {
      qc.setQueryData(bookingKeys.statutoryYear(year), view);
      void qc.invalidateQueries({ queryKey: bookingKeys.statutoryYears });
      void qc.invalidateQueries({ queryKey: ['booking', 'availability'] });
    },
  });
}

// ---- configuration of a community's centre (staff; writes: community staff of it and the district admin) ----

/** the roles that may change a centre's settings, closures and service items (adminRoute in shared) */
export const CENTRE_ADMIN_ROLES = ['community_staff', 'district_admin'] as const;

export function useCanConfigureCentre(): boolean {
  const { me } = useSession();
  return me?.kind === 'staff' && (CENTRE_ADMIN_ROLES as readonly string[]).includes(me.role);
}

/** what residents see (days, slots, service lists) depends on these settings */
function useAfterCentreChange(code: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: bookingKeys.items(code) });
    void qc.invalidateQueries({ queryKey: ['booking', 'availability'] });
    void qc.invalidateQueries({ queryKey: ['booking', 'staff-day'] });
  };
}

export function useBookingSettings(code: string | null) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.settings(meId, code ?? ''),
    queryFn: () => call(routeRefs.staffGetBookingSettings, {}, { code: code as string }),
    enabled: !!code && meId.startsWith('staff:'),
  });
}

export function useUpdateBookingSettings(code: string) {
  const qc = useQueryClient();
  const meId = useMeId();
  const after = useAfterCentreChange(code);
  return useMutation({
    mutationFn: (input: UpdateBookingSettingsInput) => call(routeRefs.staffUpdateBookingSettings, input, { code }),
    onSuccess: (view) => {
      qc.setQueryData(bookingKeys.settings(meId, code), view);
      void qc.invalidateQueries({ queryKey: bookingKeys.colleagues(meId, code) }); // the post title is part of each colleague's post
      after();
    },
  });
}

export function useClosures(code: string | null) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.closures(meId, code ?? ''),
    queryFn: () => call(routeRefs.staffListClosures, {}, { code: code as string }),
    enabled: !!code && meId.startsWith('staff:'),
  });
}

export function useAddClosure(code: string) {
  const qc = useQueryClient();
  const meId = useMeId();
  const after = useAfterCentreChange(code);
  return useMutation({
    mutationFn: (input: { date: string; reason: string }) => call(routeRefs.staffAddClosure, input, { code }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: bookingKeys.closures(meId, code) });
      after();
    },
  });
}

export function useRemoveClosure(code: string) {
  const qc = useQueryClient();
  const meId = useMeId();
  const after = useAfterCentreChange(code);
  return useMutation({
    mutationFn: (id: string) => call(routeRefs.staffRemoveClosure, {}, { id }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: bookingKeys.closures(meId, code) });
      after();
    },
  });
}

export function useStaffServiceItems(code: string | null) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.staffItems(meId, code ?? ''),
    queryFn: () => call(routeRefs.staffListServiceItems, {}, { code: code as string }),
    enabled: !!code && meId.startsWith('staff:'),
  });
}

export function useCreateServiceItem(code: string) {
  const qc = useQueryClient();
  const meId = useMeId();
  const after = useAfterCentreChange(code);
  return useMutation({
    mutationFn: (input: CreateServiceItemInput) => call(routeRefs.staffCreateServiceItem, input, { code }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: bookingKeys.staffItems(meId, code) });
      after();
    },
  });
}

export function useUpdateServiceItem(code: string) {
  const qc = useQueryClient();
  const meId = useMeId();
  const after = useAfterCentreChange(code);
  return useMutation({
    mutationFn: (v: { id: string; input: UpdateServiceItemInput }) => call(routeRefs.staffUpdateServiceItem, v.input, { id: v.id }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: bookingKeys.staffItems(meId, code) });
      after();
    },
  });
}
