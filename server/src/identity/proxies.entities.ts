import { FamilyProxyEntity } from './entities/family-proxy.entity';
import { IdentityAuditEntity } from './entities/identity-audit.entity';
import { ProxyInvitationEntity } from './entities/proxy-invitation.entity';
import { RealNameCheckEntity } from './entities/real-name-check.entity';
import { ResidentIdentityEntity } from './entities/resident-identity.entity';

export const PROXY_ENTITIES = [ResidentIdentityEntity, RealNameCheckEntity, FamilyProxyEntity, ProxyInvitationEntity, IdentityAuditEntity];
