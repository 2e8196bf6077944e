import { RateLimitBucketEntity } from '../common/rate-limit.entity';
import { AuthSessionEntity } from '../identity/entities/auth-session.entity';
import { FamilyMemberEntity } from '../identity/entities/family-member.entity';
import { RegionEntity } from '../identity/entities/region.entity';
import { ResidentAccountEntity } from '../identity/entities/resident-account.entity';
import { StaffAccountEntity } from '../identity/entities/staff-account.entity';

export const ENTITIES = [RegionEntity, ResidentAccountEntity, StaffAccountEntity, AuthSessionEntity, FamilyMemberEntity, RateLimitBucketEntity];
