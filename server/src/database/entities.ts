import { BOOKING_ENTITIES } from '../booking/booking.entities';
import { CIVIL_AFFAIRS_ENTITIES } from '../civil-affairs/entities/registry.entities';
import { CASES_ENTITIES } from '../cases/cases.entities';
import { ALLOWANCE_ENTITIES } from '../allowance/allowance.entities';
import { CATALOG_ENTITIES } from '../catalog/catalog.entities';
import { JobLeaseEntity } from '../common/job-lease.entity';
import { RateLimitBucketEntity } from '../common/rate-limit.entity';
import { AuthSessionEntity } from '../identity/entities/auth-session.entity';
import { FamilyMemberEntity } from '../identity/entities/family-member.entity';
import { RegionCodeHoldEntity } from '../identity/entities/region-code-hold.entity';
import { RegionEntity } from '../identity/entities/region.entity';
import { ResidentAccountEntity } from '../identity/entities/resident-account.entity';
import { StaffAccountEntity } from '../identity/entities/staff-account.entity';
import { StaffAuditEntity } from '../identity/entities/staff-audit.entity';
import { NOTIFICATIONS_ENTITIES } from '../notifications/notifications.entities';
import { PROXY_ENTITIES } from '../identity/proxies.entities';
import { LEDGER_ENTITIES } from '../allowance/ledger/ledger.entities';

export const ENTITIES = [
  RegionEntity, RegionCodeHoldEntity, ResidentAccountEntity, StaffAccountEntity, StaffAuditEntity, AuthSessionEntity, FamilyMemberEntity, RateLimitBucketEntity,
  JobLeaseEntity,
  // each domain module lists its own
  ...CATALOG_ENTITIES, ...NOTIFICATIONS_ENTITIES, ...BOOKING_ENTITIES, ...CIVIL_AFFAIRS_ENTITIES, ...CASES_ENTITIES, ...ALLOWANCE_ENTITIES, ...PROXY_ENTITIES,
  ...LEDGER_ENTITIES,
];
