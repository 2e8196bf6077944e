import { Controller, Headers, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../common/route.decorators';
import { AuthGuard } from '../identity/auth.guard';
import { CurrentUser, type Caller } from '../identity/caller';
import { BookingAdminService } from './booking-admin.service';
import { BookingService } from './booking.service';
import { StaffDeskService } from './staff-desk.service';
import { StatutoryService } from './statutory.service';

type Resident = Extract<Caller, { kind: 'resident' }>;
type Staff = Extract<Caller, { kind: 'staff' }>;

@Controller()
@UseGuards(AuthGuard)
export class BookingController {
  constructor(private readonly bookings: BookingService) {}

  @Endpoint(routes.listServiceItems)
  items(@RouteParams(routes.listServiceItems) p: ParsedParams<typeof routes.listServiceItems>, @RouteInput(routes.listServiceItems) _q: ParsedInput<typeof routes.listServiceItems>) {
    return this.bookings.listServiceItems(p.code);
  }

  @Endpoint(routes.serviceAvailability)
  availability(@RouteParams(routes.serviceAvailability) p: ParsedParams<typeof routes.serviceAvailability>, @RouteInput(routes.serviceAvailability) q: ParsedInput<typeof routes.serviceAvailability>) {
    return this.bookings.availability(p.id, q);
  }

  @Endpoint(routes.createBooking)
  create(@RouteInput(routes.createBooking) body: ParsedInput<typeof routes.createBooking>, @CurrentUser() caller: Resident, @Headers('idempotency-key') key?: string) {
    return this.bookings.create(caller, body, key);
  }

  @Endpoint(routes.myBookings)
  mine(@RouteInput(routes.myBookings) q: ParsedInput<typeof routes.myBookings>, @CurrentUser() caller: Resident) {
    return this.bookings.mine(caller, q);
  }

  @Endpoint(routes.getBooking)
  get(@RouteParams(routes.getBooking) p: ParsedParams<typeof routes.getBooking>, @RouteInput(routes.getBooking) _q: ParsedInput<typeof routes.getBooking>, @CurrentUser() caller: Resident) {
    return this.bookings.get(caller, p.id);
  }

  @Endpoint(routes.cancelBooking)
  cancel(@RouteParams(routes.cancelBooking) p: ParsedParams<typeof routes.cancelBooking>, @RouteInput(routes.cancelBooking) body: ParsedInput<typeof routes.cancelBooking>, @CurrentUser() caller: Resident) {
    return this.bookings.cancel(caller, p.id, body);
  }

  @Endpoint(routes.rescheduleBooking)
  reschedule(@RouteParams(routes.rescheduleBooking) p: ParsedParams<typeof routes.rescheduleBooking>, @RouteInput(routes.rescheduleBooking) body: ParsedInput<typeof routes.rescheduleBooking>, @CurrentUser() caller: Resident) {
    return this.bookings.reschedule(caller, p.id, body);
  }
}

@Controller()
@UseGuards(AuthGuard)
export class StaffBookingController {
  constructor(
    private readonly desk: StaffDeskService,
    private readonly admin: BookingAdminService,
    private readonly statutory: StatutoryService,
  ) {}

  @Endpoint(routes.staffDayBookings)
  day(@RouteParams(routes.staffDayBookings) p: ParsedParams<typeof routes.staffDayBookings>, @RouteInput(routes.staffDayBookings) q: ParsedInput<typeof routes.staffDayBookings>, @CurrentUser() s: Staff) {
    return this.desk.day(s, p.code, q);
  }

  @Endpoint(routes.staffGetBooking)
  get(@RouteParams(routes.staffGetBooking) p: ParsedParams<typeof routes.staffGetBooking>, @RouteInput(routes.staffGetBooking) _q: ParsedInput<typeof routes.staffGetBooking>, @CurrentUser() s: Staff) {
    return this.desk.get(s, p.id);
  }

  @Endpoint(routes.staffConfirmBooking)
  confirm(@RouteParams(routes.staffConfirmBooking) p: ParsedParams<typeof routes.staffConfirmBooking>, @RouteInput(routes.staffConfirmBooking) b: ParsedInput<typeof routes.staffConfirmBooking>, @CurrentUser() s: Staff) {
    return this.desk.confirm(s, p.id, b.note);
  }

  @Endpoint(routes.staffRejectBooking)
  reject(@RouteParams(routes.staffRejectBooking) p: ParsedParams<typeof routes.staffRejectBooking>, @RouteInput(routes.staffRejectBooking) b: ParsedInput<typeof routes.staffRejectBooking>, @CurrentUser() s: Staff) {
    return this.desk.reject(s, p.id, b.reason);
  }

  @Endpoint(routes.staffCancelBooking)
  cancel(@RouteParams(routes.staffCancelBooking) p: ParsedParams<typeof routes.staffCancelBooking>, @RouteInput(routes.staffCancelBooking) b: ParsedInput<typeof routes.staffCancelBooking>, @CurrentUser() s: Staff) {
    return this.desk.cancel(s, p.id, b.reason);
  }

  @Endpoint(routes.staffCheckIn)
  checkIn(@RouteParams(routes.staffCheckIn) p: ParsedParams<typeof routes.staffCheckIn>, @RouteInput(routes.staffCheckIn) b: ParsedInput<typeof routes.staffCheckIn>, @CurrentUser() s: Staff) {
    return this.desk.checkIn(s, p.code, b.passCode);
  }

  @Endpoint(routes.staffRegisterWalkIn)
  walkIn(@RouteParams(routes.staffRegisterWalkIn) p: ParsedParams<typeof routes.staffRegisterWalkIn>, @RouteInput(routes.staffRegisterWalkIn) b: ParsedInput<typeof routes.staffRegisterWalkIn>, @CurrentUser() s: Staff) {
    return this.desk.walkIn(s, p.code, b);
  }

  @Endpoint(routes.staffCompleteBooking)
  done(@RouteParams(routes.staffCompleteBooking) p: ParsedParams<typeof routes.staffCompleteBooking>, @RouteInput(routes.staffCompleteBooking) b: ParsedInput<typeof routes.staffCompleteBooking>, @CurrentUser() s: Staff) {
    return this.desk.done(s, p.id, b.note);
  }

  @Endpoint(routes.staffMarkNoShow)
  noShow(@RouteParams(routes.staffMarkNoShow) p: ParsedParams<typeof routes.staffMarkNoShow>, @RouteInput(routes.staffMarkNoShow) b: ParsedInput<typeof routes.staffMarkNoShow>, @CurrentUser() s: Staff) {
    return this.desk.noShow(s, p.id, b.note);
  }

  @Endpoint(routes.staffHandOver)
  handOver(@RouteParams(routes.staffHandOver) p: ParsedParams<typeof routes.staffHandOver>, @RouteInput(routes.staffHandOver) b: ParsedInput<typeof routes.staffHandOver>, @CurrentUser() s: Staff) {
    return this.desk.handOver(s, p.id, b);
  }

  @Endpoint(routes.staffRecordMissingMaterials)
  missing(@RouteParams(routes.staffRecordMissingMaterials) p: ParsedParams<typeof routes.staffRecordMissingMaterials>, @RouteInput(routes.staffRecordMissingMaterials) b: ParsedInput<typeof routes.staffRecordMissingMaterials>, @CurrentUser() s: Staff) {
    return this.desk.missingMaterials(s, p.id, b);
  }

  @Endpoint(routes.staffAddCaseNote)
  note(@RouteParams(routes.staffAddCaseNote) p: ParsedParams<typeof routes.staffAddCaseNote>, @RouteInput(routes.staffAddCaseNote) b: ParsedInput<typeof routes.staffAddCaseNote>, @CurrentUser() s: Staff) {
    return this.desk.addNote(s, p.id, b.note);
  }

  @Endpoint(routes.staffBookingQueue)
  queue(@RouteParams(routes.staffBookingQueue) p: ParsedParams<typeof routes.staffBookingQueue>, @RouteInput(routes.staffBookingQueue) q: ParsedInput<typeof routes.staffBookingQueue>, @CurrentUser() s: Staff) {
    return this.desk.queue(s, p.code, q);
  }

  @Endpoint(routes.staffFlaggedBookings)
  flagged(@RouteParams(routes.staffFlaggedBookings) p: ParsedParams<typeof routes.staffFlaggedBookings>, @RouteInput(routes.staffFlaggedBookings) q: ParsedInput<typeof routes.staffFlaggedBookings>, @CurrentUser() s: Staff) {
    return this.desk.flagged(s, p.code, q);
  }

  @Endpoint(routes.staffColleagues)
  colleagues(@RouteParams(routes.staffColleagues) p: ParsedParams<typeof routes.staffColleagues>, @RouteInput(routes.staffColleagues) _q: ParsedInput<typeof routes.staffColleagues>, @CurrentUser() s: Staff) {
    return this.desk.colleagues(s, p.code);
  }

  @Endpoint(routes.staffExportBookings)
  export(@RouteParams(routes.staffExportBookings) p: ParsedParams<typeof routes.staffExportBookings>, @RouteInput(routes.staffExportBookings) q: ParsedInput<typeof routes.staffExportBookings>, @CurrentUser() s: Staff) {
    return this.admin.export(s, p.code, q);
  }

  @Endpoint(routes.staffRevealBookingPhone)
  revealPhone(@RouteParams(routes.staffRevealBookingPhone) p: ParsedParams<typeof routes.staffRevealBookingPhone>, @RouteInput(routes.staffRevealBookingPhone) _q: ParsedInput<typeof routes.staffRevealBookingPhone>, @CurrentUser() s: Staff) {
    return this.desk.revealPhone(s, p.id);
  }

  @Endpoint(routes.staffGetBookingSettings)
  settings(@RouteParams(routes.staffGetBookingSettings) p: ParsedParams<typeof routes.staffGetBookingSettings>, @RouteInput(routes.staffGetBookingSettings) _q: ParsedInput<typeof routes.staffGetBookingSettings>, @CurrentUser() s: Staff) {
    return this.admin.getSettings(s, p.code);
  }

  @Endpoint(routes.staffUpdateBookingSettings)
  updateSettings(@RouteParams(routes.staffUpdateBookingSettings) p: ParsedParams<typeof routes.staffUpdateBookingSettings>, @RouteInput(routes.staffUpdateBookingSettings) b: ParsedInput<typeof routes.staffUpdateBookingSettings>, @CurrentUser() s: Staff) {
    return this.admin.updateSettings(s, p.code, b);
  }

  @Endpoint(routes.staffListClosures)
  closures(@RouteParams(routes.staffListClosures) p: ParsedParams<typeof routes.staffListClosures>, @RouteInput(routes.staffListClosures) q: ParsedInput<typeof routes.staffListClosures>, @CurrentUser() s: Staff) {
    return this.admin.listClosures(s, p.code, q);
  }

  @Endpoint(routes.staffAddClosure)
  addClosure(@RouteParams(routes.staffAddClosure) p: ParsedParams<typeof routes.staffAddClosure>, @RouteInput(routes.staffAddClosure) b: ParsedInput<typeof routes.staffAddClosure>, @CurrentUser() s: Staff) {
    return this.admin.addClosure(s, p.code, b);
  }

  @Endpoint(routes.staffRemoveClosure)
  removeClosure(@RouteParams(routes.staffRemoveClosure) p: ParsedParams<typeof routes.staffRemoveClosure>, @RouteInput(routes.staffRemoveClosure) _q: ParsedInput<typeof routes.staffRemoveClosure>, @CurrentUser() s: Staff) {
    return this.admin.removeClosure(s, p.id);
  }

  @Endpoint(routes.staffListServiceItems)
  serviceItems(@RouteParams(routes.staffListServiceItems) p: ParsedParams<typeof routes.staffListServiceItems>, @RouteInput(routes.staffListServiceItems) _q: ParsedInput<typeof routes.staffListServiceItems>, @CurrentUser() s: Staff) {
    return this.admin.listServiceItems(s, p.code);
  }

  @Endpoint(routes.staffCreateServiceItem)
  createServiceItem(@RouteParams(routes.staffCreateServiceItem) p: ParsedParams<typeof routes.staffCreateServiceItem>, @RouteInput(routes.staffCreateServiceItem) b: ParsedInput<typeof routes.staffCreateServiceItem>, @CurrentUser() s: Staff) {
    return this.admin.createServiceItem(s, p.code, b);
  }

  @Endpoint(routes.staffUpdateServiceItem)
  updateServiceItem(@RouteParams(routes.staffUpdateServiceItem) p: ParsedParams<typeof routes.staffUpdateServiceItem>, @RouteInput(routes.staffUpdateServiceItem) b: ParsedInput<typeof routes.staffUpdateServiceItem>, @CurrentUser() s: Staff) {
    return this.admin.updateServiceItem(s, p.id, b);
  }

  @Endpoint(routes.staffStatutoryYears)
  statutoryYears(@RouteInput(routes.staffStatutoryYears) _q: ParsedInput<typeof routes.staffStatutoryYears>) {
    return this.statutory.list();
  }

  @Endpoint(routes.staffGetStatutoryYear)
  statutoryYear(@RouteParams(routes.staffGetStatutoryYear) p: ParsedParams<typeof routes.staffGetStatutoryYear>, @RouteInput(routes.staffGetStatutoryYear) _q: ParsedInput<typeof routes.staffGetStatutoryYear>) {
    return this.statutory.get(Number(p.year));
  }

  @Endpoint(routes.staffStatutoryGap)
  statutoryGap(@RouteInput(routes.staffStatutoryGap) _q: ParsedInput<typeof routes.staffStatutoryGap>) {
    return this.statutory.gap();
  }

  @Endpoint(routes.staffPublishStatutoryYear)
  publishStatutoryYear(@RouteParams(routes.staffPublishStatutoryYear) p: ParsedParams<typeof routes.staffPublishStatutoryYear>, @RouteInput(routes.staffPublishStatutoryYear) b: ParsedInput<typeof routes.staffPublishStatutoryYear>, @CurrentUser() s: Staff) {
    return this.statutory.publish(s, Number(p.year), b);
  }
}
