import { Controller, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../../common/route.decorators';
import { AuthGuard } from '../../identity/auth.guard';
import { CurrentUser, type Caller } from '../../identity/caller';
import { LedgerDesk } from './ledger.desk';
import { LedgerFiles } from './ledger.files';
import { LedgerMonths } from './ledger.months';
import { LedgerReverify } from './ledger.reverify';
import { PaymentSettingsService } from './ledger.settings';

type Resident = Extract<Caller, { kind: 'resident' }>;
type Staff = Extract<Caller, { kind: 'staff' }>;
const by = (s: Staff) => ({ kind: 'staff' as const, id: s.staffId, name: '区管理员' });

// the family's side of the ledger (the payments view itself is served by the payments-view controller)
@Controller()
@UseGuards(AuthGuard)
export class LedgerFamilyController {
  constructor(private readonly desk: LedgerDesk) {}

  @Endpoint(routes.updatePaymentAccount)
  fixAccount(@RouteParams(routes.updatePaymentAccount) p: ParsedParams<typeof routes.updatePaymentAccount>, @RouteInput(routes.updatePaymentAccount) b: ParsedInput<typeof routes.updatePaymentAccount>, @CurrentUser() c: Resident) {
    return this.desk.familyFixAccount(c, p.id, b.account);
  }

  @Endpoint(routes.enrolmentInvitation)
  invitation(@RouteParams(routes.enrolmentInvitation) p: ParsedParams<typeof routes.enrolmentInvitation>, @RouteInput(routes.enrolmentInvitation) _q: ParsedInput<typeof routes.enrolmentInvitation>, @CurrentUser() c: Resident) {
    return this.desk.invitation(c, p.id);
  }

  @Endpoint(routes.confirmEnrolment)
  confirm(@RouteParams(routes.confirmEnrolment) p: ParsedParams<typeof routes.confirmEnrolment>, @RouteInput(routes.confirmEnrolment) b: ParsedInput<typeof routes.confirmEnrolment>, @CurrentUser() c: Resident) {
    return this.desk.confirm(c, p.id, b);
  }
}

// the district's months, files and runs
@Controller()
@UseGuards(AuthGuard)
export class LedgerDistrictController {
  constructor(
    private readonly settings: PaymentSettingsService,
    private readonly months: LedgerMonths,
    private readonly files: LedgerFiles,
    private readonly reverify: LedgerReverify,
    private readonly desk: LedgerDesk,
  ) {}

  @Endpoint(routes.paymentSettings)
  getSettings(@RouteInput(routes.paymentSettings) _q: ParsedInput<typeof routes.paymentSettings>) {
    return this.settings.view();
  }

  @Endpoint(routes.updatePaymentSettings)
  putSettings(@RouteInput(routes.updatePaymentSettings) b: ParsedInput<typeof routes.updatePaymentSettings>, @CurrentUser() s: Staff) {
    return this.settings.update(s.staffId, b);
  }

  @Endpoint(routes.ledgerMonths)
  async list(@RouteInput(routes.ledgerMonths) _q: ParsedInput<typeof routes.ledgerMonths>) {
    return { items: await this.months.list() };
  }

  @Endpoint(routes.ledgerMonth)
  month(@RouteParams(routes.ledgerMonth) p: ParsedParams<typeof routes.ledgerMonth>, @RouteInput(routes.ledgerMonth) _q: ParsedInput<typeof routes.ledgerMonth>) {
    return this.months.view(p.month);
  }

  @Endpoint(routes.startEntitlementRun)
  entitle(@RouteParams(routes.startEntitlementRun) p: ParsedParams<typeof routes.startEntitlementRun>, @RouteInput(routes.startEntitlementRun) _b: ParsedInput<typeof routes.startEntitlementRun>, @CurrentUser() s: Staff) {
    return this.months.startEntitlements(p.month, by(s));
  }

  @Endpoint(routes.closeLedgerMonth)
  async close(@RouteParams(routes.closeLedgerMonth) p: ParsedParams<typeof routes.closeLedgerMonth>, @RouteInput(routes.closeLedgerMonth) b: ParsedInput<typeof routes.closeLedgerMonth>, @CurrentUser() s: Staff) {
    await this.months.close(p.month, { id: s.staffId }, b.note);
    return this.months.view(p.month);
  }

  // full ID numbers and accounts: audited on every export (a step-up re-ask joins here at merge time)
  @Endpoint(routes.exportPaymentRoster)
  roster(@RouteParams(routes.exportPaymentRoster) p: ParsedParams<typeof routes.exportPaymentRoster>, @RouteInput(routes.exportPaymentRoster) _q: ParsedInput<typeof routes.exportPaymentRoster>, @CurrentUser() s: Staff) {
    return this.files.exportRoster({ id: s.staffId }, p.month);
  }

  @Endpoint(routes.importBankReturn)
  bankReturn(@RouteParams(routes.importBankReturn) p: ParsedParams<typeof routes.importBankReturn>, @RouteInput(routes.importBankReturn) b: ParsedInput<typeof routes.importBankReturn>, @CurrentUser() s: Staff) {
    return this.files.importBankReturn({ id: s.staffId }, p.month, b);
  }

  @Endpoint(routes.startReverification)
  startReverify(@RouteParams(routes.startReverification) p: ParsedParams<typeof routes.startReverification>, @RouteInput(routes.startReverification) _b: ParsedInput<typeof routes.startReverification>, @CurrentUser() s: Staff) {
    return this.reverify.start(p.month, by(s));
  }

  @Endpoint(routes.reverification)
  getReverify(@RouteParams(routes.reverification) p: ParsedParams<typeof routes.reverification>, @RouteInput(routes.reverification) _q: ParsedInput<typeof routes.reverification>) {
    return this.reverify.view(p.month);
  }

  @Endpoint(routes.approveReverification)
  approve(@RouteParams(routes.approveReverification) p: ParsedParams<typeof routes.approveReverification>, @RouteInput(routes.approveReverification) b: ParsedInput<typeof routes.approveReverification>, @CurrentUser() s: Staff) {
    return this.reverify.approve(p.month, { id: s.staffId }, b.reason);
  }

  @Endpoint(routes.reverificationDecisions)
  decisions(@RouteParams(routes.reverificationDecisions) p: ParsedParams<typeof routes.reverificationDecisions>, @RouteInput(routes.reverificationDecisions) q: ParsedInput<typeof routes.reverificationDecisions>) {
    return this.desk.decisions(p.month, q);
  }

  @Endpoint(routes.importPaymentRoll)
  roll(@RouteInput(routes.importPaymentRoll) b: ParsedInput<typeof routes.importPaymentRoll>, @CurrentUser() s: Staff) {
    return this.files.importPaymentRoll({ id: s.staffId }, b);
  }

  @Endpoint(routes.resolveOverpayment)
  overpayment(@RouteParams(routes.resolveOverpayment) p: ParsedParams<typeof routes.resolveOverpayment>, @RouteInput(routes.resolveOverpayment) b: ParsedInput<typeof routes.resolveOverpayment>, @CurrentUser() s: Staff) {
    return this.desk.resolveOverpayment(s, p.id, b);
  }
}

// community staff (and above), each within their region
@Controller()
@UseGuards(AuthGuard)
export class LedgerCommunityController {
  constructor(private readonly desk: LedgerDesk) {}

  @Endpoint(routes.staffPaymentRecipients)
  recipients(@RouteParams(routes.staffPaymentRecipients) p: ParsedParams<typeof routes.staffPaymentRecipients>, @RouteInput(routes.staffPaymentRecipients) q: ParsedInput<typeof routes.staffPaymentRecipients>, @CurrentUser() s: Staff) {
    return this.desk.recipients(s, p.code, q);
  }

  @Endpoint(routes.staffPaymentRecipient)
  recipient(@RouteParams(routes.staffPaymentRecipient) p: ParsedParams<typeof routes.staffPaymentRecipient>, @RouteInput(routes.staffPaymentRecipient) _q: ParsedInput<typeof routes.staffPaymentRecipient>, @CurrentUser() s: Staff) {
    return this.desk.recipient(s, p.id);
  }

  @Endpoint(routes.staffUpdatePaymentAccount)
  fixAccount(@RouteParams(routes.staffUpdatePaymentAccount) p: ParsedParams<typeof routes.staffUpdatePaymentAccount>, @RouteInput(routes.staffUpdatePaymentAccount) b: ParsedInput<typeof routes.staffUpdatePaymentAccount>, @CurrentUser() s: Staff) {
    return this.desk.staffFixAccount(s, p.id, b);
  }

  @Endpoint(routes.communityPayTasks)
  tasks(@RouteParams(routes.communityPayTasks) p: ParsedParams<typeof routes.communityPayTasks>, @RouteInput(routes.communityPayTasks) q: ParsedInput<typeof routes.communityPayTasks>, @CurrentUser() s: Staff) {
    return this.desk.tasks(s, p.code, q);
  }

  @Endpoint(routes.resolvePayTask)
  resolveTask(@RouteParams(routes.resolvePayTask) p: ParsedParams<typeof routes.resolvePayTask>, @RouteInput(routes.resolvePayTask) b: ParsedInput<typeof routes.resolvePayTask>, @CurrentUser() s: Staff) {
    return this.desk.resolveTask(s, p.id, b.resolution);
  }

  @Endpoint(routes.enrolmentCandidates)
  candidates(@RouteParams(routes.enrolmentCandidates) p: ParsedParams<typeof routes.enrolmentCandidates>, @RouteInput(routes.enrolmentCandidates) q: ParsedInput<typeof routes.enrolmentCandidates>, @CurrentUser() s: Staff) {
    return this.desk.candidates(s, p.code, q);
  }

  @Endpoint(routes.updateEnrolmentCandidate)
  candidate(@RouteParams(routes.updateEnrolmentCandidate) p: ParsedParams<typeof routes.updateEnrolmentCandidate>, @RouteInput(routes.updateEnrolmentCandidate) b: ParsedInput<typeof routes.updateEnrolmentCandidate>, @CurrentUser() s: Staff) {
    return this.desk.updateCandidate(s, p.id, b);
  }
}
