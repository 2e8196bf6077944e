import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  routes,
  type BookingDetailView,
  type CreateBookingInput,
  type PublishStatutoryYearInput,
  type StaffBookingDetailView,
} from '@jianban/shared';
import { call } from '../../services/http';
import { useSession } from '../../services/session';
import { bookingKeys } from './keys';

function useMeId(): string {
  const { me } = useSession();
  return me ? `${me.kind}:${me.id}` : '';
}

export function useServiceItems(communityCode: string | null) {
  return useQuery({
    queryKey: bookingKeys.items(communityCode ?? ''),
    queryFn: () => call(routes.listServiceItems, {}, { code: communityCode as string }),
    enabled: !!communityCode,
    staleTime: 5 * 60_000,
  });
}

export function useAvailability(serviceItemId: string) {
  return useQuery({
    queryKey: bookingKeys.availability(serviceItemId),
    queryFn: () => call(routes.serviceAvailability, {}, { id: serviceItemId }),
    enabled: !!serviceItemId,
    staleTime: 15_000,
  });
}

export function useMyBookings(scope: 'active' | 'past', page: number) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.mine(meId, scope, page),
    queryFn: () => call(routes.myBookings, { scope, page, pageSize: 20 }),
    enabled: meId.startsWith('resident:'),
    placeholderData: keepPreviousData,
  });
}

export function useBooking(id: string) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.one(meId, id),
    queryFn: () => call(routes.getBooking, {}, { id }),
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
  return useMutation({ mutationFn: (input: CreateBookingInput) => call(routes.createBooking, input), onSuccess: settle });
}
export function useCancelBooking() {
  const settle = useSettleBooking();
  return useMutation({ mutationFn: (id: string) => call(routes.cancelBooking, {}, { id }), onSuccess: settle });
}
export function useRescheduleBooking() {
  const settle = useSettleBooking();
  return useMutation({
    mutationFn: (v: { id: string; date: string; start: string }) => call(routes.rescheduleBooking, { date: v.date, start: v.start }, { id: v.id }),
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
        routes.staffDayBookings,
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
    queryFn: () => call(routes.staffGetBooking, {}, { id }),
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

export function useFlagged(code: string | null, page: number) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.flagged(meId, code ?? '', page),
    queryFn: () => call(routes.staffFlaggedBookings, { page, pageSize: 50 }, { code: code as string }),
    enabled: !!code && meId.startsWith('staff:'),
  });
}

export function useColleagues(code: string | null) {
  const meId = useMeId();
  return useQuery({
    queryKey: bookingKeys.colleagues(meId, code ?? ''),
    queryFn: () => call(routes.staffColleagues, {}, { code: code as string }),
    enabled: !!code && meId.startsWith('staff:'),
    staleTime: 5 * 60_000,
  });
}

// ---- the statutory holiday schedule (staff) ----

export function useStatutoryYears() {
  return useQuery({ queryKey: bookingKeys.statutoryYears, queryFn: () => call(routes.staffStatutoryYears, {}) });
}

export function useStatutoryYear(year: number | null) {
  return useQuery({
    queryKey: bookingKeys.statutoryYear(year ?? 0),
    queryFn: () => call(routes.staffGetStatutoryYear, {}, { year: String(year) }),
    enabled: year !== null,
  });
}

export function usePublishStatutoryYear(year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PublishStatutoryYearInput) => call(routes.staffPublishStatutoryYear, input, { year: String(year) }),
    onSuccess: (view) => {
      qc.setQueryData(bookingKeys.statutoryYear(year), view);
      void qc.invalidateQueries({ queryKey: bookingKeys.statutoryYears });
      void qc.invalidateQueries({ queryKey: ['booking', 'availability'] });
    },
  });
}
