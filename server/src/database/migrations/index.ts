import { Foundation1764230000000 } from './1764230000000-Foundation';
import { RateLimitSliding1764240000000 } from './1764240000000-RateLimitSliding';
import { Catalog1764300000000 } from './1764300000000-Catalog';
import { Notifications1764310000000 } from './1764310000000-Notifications';
import { Booking1764320000000 } from './1764320000000-Booking';
import { StatutorySchedule1764330000000 } from './1764330000000-StatutorySchedule';
import { BookingFlags1764340000000 } from './1764340000000-BookingFlags';
import { RegionCodes1764350000000 } from './1764350000000-RegionCodes';
import { StaffAccounts1764370000000 } from './1764370000000-StaffAccounts';
import { ResidentTexts1764380000000 } from './1764380000000-ResidentTexts';
import { SessionFamilies1764390000000 } from './1764390000000-SessionFamilies';
import { BookingQueue1764400500000 } from './1764400500000-BookingQueue';
import { CentreContact1764410000000 } from './1764410000000-CentreContact';
import { CaseKit1764420000000 } from './1764420000000-CaseKit';
import { BookingCases1764420000001 } from './1764420000001-BookingCases';
import { CivilAffairsRegistry1764430000000 } from './1764430000000-CivilAffairsRegistry';
import { Allowance1764450000000 } from './1764450000000-Allowance';
import { VerifiedProxies1764460000000 } from './1764460000000-VerifiedProxies';
import { AllowanceLedger1764470000000 } from './1764470000000-AllowanceLedger';
import { AllowanceDeathReport1764472000000 } from './1764472000000-AllowanceDeathReport';
import { SearchServiceWords1764473000000 } from './1764473000000-SearchServiceWords';
import { CatalogDepartments1764474000000 } from './1764474000000-CatalogDepartments';
import { BookingContact1764475000000 } from './1764475000000-BookingContact';
import { StaffStepUp1764476000000 } from './1764476000000-StaffStepUp';
import { CatalogOrigin1764477000000 } from './1764477000000-CatalogOrigin';
import { BookingOtherPlaceItems1764477600000 } from './1764477600000-BookingOtherPlaceItems';
import { DepartmentVersionChanges1764480000000 } from './1764480000000-DepartmentVersionChanges';
import { AllowanceIdempotencyKey1764482000000 } from './1764482000000-AllowanceIdempotencyKey';
import { AllowanceActiveSlot1764482100000 } from './1764482100000-AllowanceActiveSlot';
import { BlindIndexVersion1764482200000 } from './1764482200000-BlindIndexVersion';
import { RecipientCheckIndex1764482300000 } from './1764482300000-RecipientCheckIndex';

// registered as classes, not globs: the same list runs on SQLite and MariaDB. One file per domain module.
export const MIGRATIONS = [
  Foundation1764230000000,
  RateLimitSliding1764240000000,
  Catalog1764300000000,
  Notifications1764310000000,
  Booking1764320000000,
  StatutorySchedule1764330000000,
  BookingFlags1764340000000,
  RegionCodes1764350000000,
  StaffAccounts1764370000000,
  ResidentTexts1764380000000,
  SessionFamilies1764390000000,
  BookingQueue1764400500000,
  CentreContact1764410000000,
  CaseKit1764420000000,
  BookingCases1764420000001,
  CivilAffairsRegistry1764430000000,
  Allowance1764450000000,
  VerifiedProxies1764460000000,
  AllowanceLedger1764470000000,
  AllowanceDeathReport1764472000000,
  SearchServiceWords1764473000000,
  CatalogDepartments1764474000000,
  BookingContact1764475000000,
  StaffStepUp1764476000000,
  CatalogOrigin1764477000000,
  BookingOtherPlaceItems1764477600000,
  DepartmentVersionChanges1764480000000,
  AllowanceIdempotencyKey1764482000000,
  AllowanceActiveSlot1764482100000,
  BlindIndexVersion1764482200000,
  RecipientCheckIndex1764482300000,
];
