import { Controller, Headers, UseGuards } from '@nestjs/common';
import {
  routes,
  type CreateBookingInput,
  type CreateServiceItemInput,
  type PublishStatutoryYearInput,
  type UpdateBookingSettingsInput,
  type UpdateServiceItemInput,
} from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../common/route.decorators';
import { AuthGuard } from '../identity/auth.guard';
import { CurrentUser, type Caller } from '../identity/caller';
import { BookingAdminService } from './booking-admin.service';
import { BookingService } from './booking.service';
import type { BookingStatusValue } from './entities/booking.entity';
import { StaffDeskService } from './staff-desk.service';
import { StatutoryService } from './statutory.service';

type Resident = Extract<Caller, { kind: 'resident' }>;
type Staff = Extract<Caller, { kind: 'staff' }>;
type Id = { id: string };
type Code = { code: string };
type Year = { year: string };
type Page = { page: number; pageSize: number };

@Controller()
@UseGuards(AuthGuard)
export class BookingController {
  constructor(private readonly bookings: BookingService) {}

  @Endpoint(routes.listServiceItems)
  items(@RouteParams(routes.listServiceItems) p: Code, @RouteInput(routes.listServiceItems) _q: object) {
    return this.bookings.listServiceItems(p.code);
  }

  @Endpoint(routes.serviceAvailability)
  availability(@RouteParams(routes.serviceAvailability) p: Id, @RouteInput(routes.serviceAvailability) q: { from?: string; to?: string }) {
    return this.bookings.availability(p.id, q);
  }

  @Endpoint(routes.createBooking)
  create(@RouteInput(routes.createBooking) body: CreateBookingInput, @CurrentUser() caller: Resident, @Headers('idempotency-key') key?: string) {
    return this.bookings.create(caller, body, key);
  }

  @Endpoint(routes.myBookings)
  mine(@RouteInput(routes.myBookings) q: Page & { scope: 'active' | 'past' | 'all' }, @CurrentUser() caller: Resident) {
    return this.bookings.mine(caller, q);
  }

  @Endpoint(routes.getBooking)
  get(@RouteParams(routes.getBooking) p: Id, @RouteInput(routes.getBooking) _q: object, @CurrentUser() caller: Resident) {
    return this.bookings.get(caller, p.id);
  }

  @Endpoint(routes.cancelBooking)
  cancel(@RouteParams(routes.cancelBooking) p: Id, @RouteInput(routes.cancelBooking) body: { reason?: string }, @CurrentUser() caller: Resident) {
    return this.bookings.cancel(caller, p.id, body);
  }

  @Endpoint(routes.rescheduleBooking)
  reschedule(@RouteParams(routes.rescheduleBooking) p: Id, @RouteInput(routes.rescheduleBooking) body: { date: string; start: string }, @CurrentUser() caller: Resident) {
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
  day(@RouteParams(routes.staffDayBookings) p: Code, @RouteInput(routes.staffDayBookings) q: Page & { date: string; state?: BookingStatusValue }, @CurrentUser() s: Staff) {
    return this.desk.day(s, p.code, q);
  }

  @Endpoint(routes.staffGetBooking)
  get(@RouteParams(routes.staffGetBooking) p: Id, @RouteInput(routes.staffGetBooking) _q: object, @CurrentUser() s: Staff) {
    return this.desk.get(s, p.id);
  }

  @Endpoint(routes.staffConfirmBooking)
  confirm(@RouteParams(routes.staffConfirmBooking) p: Id, @RouteInput(routes.staffConfirmBooking) b: { note?: string }, @CurrentUser() s: Staff) {
    return this.desk.confirm(s, p.id, b.note);
  }

  @Endpoint(routes.staffRejectBooking)
  reject(@RouteParams(routes.staffRejectBooking) p: Id, @RouteInput(routes.staffRejectBooking) b: { reason: string }, @CurrentUser() s: Staff) {
    return this.desk.reject(s, p.id, b.reason);
  }

  @Endpoint(routes.staffCancelBooking)
  cancel(@RouteParams(routes.staffCancelBooking) p: Id, @RouteInput(routes.staffCancelBooking) b: { reason: string }, @CurrentUser() s: Staff) {
    return this.desk.cancel(s, p.id, b.reason);
  }

  @Endpoint(routes.staffCheckIn)
  checkIn(@RouteParams(routes.staffCheckIn) p: Code, @RouteInput(routes.staffCheckIn) b: { passCode: string }, @CurrentUser() s: Staff) {
    return this.desk.checkIn(s, p.code, b.passCode);
  }

  @Endpoint(routes.staffRegisterWalkIn)
  walkIn(@RouteParams(routes.staffRegisterWalkIn) p: Code, @RouteInput(routes.staffRegisterWalkIn) b: { serviceItemId: string; personName: string; start?: string; note?: string }, @CurrentUser() s: Staff) {
    return this.desk.walkIn(s, p.code, b);
  }

  @Endpoint(routes.staffCompleteBooking)
  done(@RouteParams(routes.staffCompleteBooking) p: Id, @RouteInput(routes.staffCompleteBooking) b: { note?: string }, @CurrentUser() s: Staff) {
    return this.desk.done(s, p.id, b.note);
  }

  @Endpoint(routes.staffMarkNoShow)
  noShow(@RouteParams(routes.staffMarkNoShow) p: Id, @RouteInput(routes.staffMarkNoShow) b: { note?: string }, @CurrentUser() s: Staff) {
    return this.desk.noShow(s, p.id, b.note);
  }

  @Endpoint(routes.staffHandOver)
  handOver(@RouteParams(routes.staffHandOver) p: Id, @RouteInput(routes.staffHandOver) b: { toStaffId: string; reason: string }, @CurrentUser() s: Staff) {
    return this.desk.handOver(s, p.id, b);
  }

  @Endpoint(routes.staffRecordMissingMaterials)
  missing(@RouteParams(routes.staffRecordMissingMaterials) p: Id, @RouteInput(routes.staffRecordMissingMaterials) b: { items: string[]; note?: string }, @CurrentUser() s: Staff) {
    return this.desk.missingMaterials(s, p.id, b);
  }

  @Endpoint(routes.staffAddCaseNote)
  note(@RouteParams(routes.staffAddCaseNote) p: Id, @RouteInput(routes.staffAddCaseNote) b: { note: string }, @CurrentUser() s: Staff) {
    return this.desk.addNote(s, p.id, b.note);
  }

  @Endpoint(routes.staffFlaggedBookings)
  flagged(@RouteParams(routes.staffFlaggedBookings) p: Code, @RouteInput(routes.staffFlaggedBookings) q: Page, @CurrentUser() s: Staff) {
    return this.desk.flagged(s, p.code, q);
  }

  @Endpoint(routes.staffColleagues)
  colleagues(@RouteParams(routes.staffColleagues) p: Code, @RouteInput(routes.staffColleagues) _q: object, @CurrentUser() s: Staff) {
    return this.desk.colleagues(s, p.code);
  }

  @Endpoint(routes.staffExportBookings)
  export(@RouteParams(routes.staffExportBookings) p: Code, @RouteInput(routes.staffExportBookings) q: { date?: string; month?: string }, @CurrentUser() s: Staff) {
    return this.admin.export(s, p.code, q);
  }

  @Endpoint(routes.staffGetBookingSettings)
  settings(@RouteParams(routes.staffGetBookingSettings) p: Code, @RouteInput(routes.staffGetBookingSettings) _q: object, @CurrentUser() s: Staff) {
    return this.admin.getSettings(s, p.code);
  }

  @Endpoint(routes.staffUpdateBookingSettings)
  updateSettings(@RouteParams(routes.staffUpdateBookingSettings) p: Code, @RouteInput(routes.staffUpdateBookingSettings) b: UpdateBookingSettingsInput, @CurrentUser() s: Staff) {
    return this.admin.updateSettings(s, p.code, b);
  }

  @Endpoint(routes.staffListClosures)
  closures(@RouteParams(routes.staffListClosures) p: Code, @RouteInput(routes.staffListClosures) q: { from?: string; to?: string }, @CurrentUser() s: Staff) {
    return this.admin.listClosures(s, p.code, q);
  }

  @Endpoint(routes.staffAddClosure)
  addClosure(@RouteParams(routes.staffAddClosure) p: Code, @RouteInput(routes.staffAddClosure) b: { date: string; reason: string }, @CurrentUser() s: Staff) {
    return this.admin.addClosure(s, p.code, b);
  }

  @Endpoint(routes.staffRemoveClosure)
  removeClosure(@RouteParams(routes.staffRemoveClosure) p: Id, @RouteInput(routes.staffRemoveClosure) _q: object, @CurrentUser() s: Staff) {
    return this.admin.removeClosure(s, p.id);
  }

  @Endpoint(routes.staffListServiceItems)
  serviceItems(@RouteParams(routes.staffListServiceItems) p: Code, @RouteInput(routes.staffListServiceItems) _q: object, @CurrentUser() s: Staff) {
    return this.admin.listServiceItems(s, p.code);
  }

  @Endpoint(routes.staffCreateServiceItem)
  createServiceItem(@RouteParams(routes.staffCreateServiceItem) p: Code, @RouteInput(routes.staffCreateServiceItem) b: CreateServiceItemInput, @CurrentUser() s: Staff) {
    return this.admin.createServiceItem(s, p.code, b);
  }

  @Endpoint(routes.staffUpdateServiceItem)
  updateServiceItem(@RouteParams(routes.staffUpdateServiceItem) p: Id, @RouteInput(routes.staffUpdateServiceItem) b: UpdateServiceItemInput, @CurrentUser() s: Staff) {
    return this.admin.updateServiceItem(s, p.id, b);
  }

  @Endpoint(routes.staffStatutoryYears)
  statutoryYears(@RouteInput(routes.staffStatutoryYears) _q: object) {
    return this.statutory.list();
  }

  @Endpoint(routes.staffGetStatutoryYear)
  statutoryYear(@RouteParams(routes.staffGetStatutoryYear) p: Year, @RouteInput(routes.staffGetStatutoryYear) _q: object) {
    return this.statutory.get(Number(p.year));
  }

  @Endpoint(routes.staffStatutoryGap)
  statutoryGap(@RouteInput(routes.staffStatutoryGap) _q: object) {
    return this.statutory.gap();
  }

  @Endpoint(routes.staffPublishStatutoryYear)
  publishStatutoryYear(@RouteParams(routes.staffPublishStatutoryYear) p: Year, @RouteInput(routes.staffPublishStatutoryYear) b: PublishStatutoryYearInput, @CurrentUser() s: Staff) {
    return this.statutory.publish(s, Number(p.year), b);
  }
}
