// what the staff booking pages send to the API (pages reach the API only through features)
import { routeRefs, type ExportView, type RouteInput, type StaffBookingDetailView } from '@jianban/shared';
import { call } from '../../services/http';
import { parseMaterials, type StaffAction } from './staff';

/** one action on a case from its detail page; `text` is the reason, note or material list the form asked for */
export function sendStaffAction(b: StaffBookingDetailView, action: StaffAction, text: string, toStaffId: string): Promise<StaffBookingDetailView> {
  const id = { id: b.id };
  switch (action) {
    case 'confirm':
      return call(routeRefs.staffConfirmBooking, {}, id);
    case 'reject':
      return call(routeRefs.staffRejectBooking, { reason: text.trim() }, id);
    case 'cancel':
      return call(routeRefs.staffCancelBooking, { reason: text.trim() }, id);
    case 'check_in':
      return call(routeRefs.staffCheckIn, { passCode: b.passCode }, { code: b.communityCode });
    case 'done':
      return call(routeRefs.staffCompleteBooking, {}, id);
    case 'no_show':
      return call(routeRefs.staffMarkNoShow, {}, id);
    case 'hand_over':
      return call(routeRefs.staffHandOver, { toStaffId, reason: text.trim() }, id);
    case 'missing':
      return call(routeRefs.staffRecordMissingMaterials, { items: parseMaterials(text) }, id);
    case 'note':
      return call(routeRefs.staffAddCaseNote, { note: text.trim() }, id);
    default:
      return Promise.reject(new Error(`unknown action ${String(action)}`));
  }
}

/** check-in at the desk with the code on the resident's pass */
export function checkInByCode(communityCode: string, input: RouteInput<typeof routeRefs.staffCheckIn>): Promise<StaffBookingDetailView> {
  return call(routeRefs.staffCheckIn, input, { code: communityCode });
}

/** a resident who came without booking */
export function registerWalkIn(communityCode: string, serviceItemId: string, personName: string): Promise<StaffBookingDetailView> {
  return call(routeRefs.staffRegisterWalkIn, { serviceItemId, personName }, { code: communityCode });
}

/** the bookings of a day or month as an XLSX file */
export function exportBookings(communityCode: string, query: RouteInput<typeof routeRefs.staffExportBookings>): Promise<ExportView> {
  return call(routeRefs.staffExportBookings, query, { code: communityCode });
}

/** the family's full phone of a booking, for a call; the server records every reveal (who, when) */
export function revealBookingPhone(bookingId: string): Promise<string> {
  return call(routeRefs.staffRevealBookingPhone, {}, { id: bookingId }).then((r) => r.phone);
}
