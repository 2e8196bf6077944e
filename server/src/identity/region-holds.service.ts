import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ErrorCode, regionHoldTableText, type RegionHoldList, type RegionHoldView } from '@jianban/shared';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import type { Caller } from './caller';
import type { IdentityAuditEntity } from './entities/identity-audit.entity';
import type { RegionCodeHoldEntity } from './entities/region-code-hold.entity';
import { RegionScope } from './region.scope';
import { ASSIGN_ACTION, RegionHoldRepository, type RowCounts } from './region-holds.repository';
import { StaffAdminRepository } from './staff-admin.repository';

type Staff = Extract<Caller, { kind: 'staff' }>;

/**
 * Held placeholder codes (RegionCodes1764350000000 never guessed them): the district admin sees each one with the rows
 * still waiting under it and assigns it to an official community once. The assignment moves every row carrying the
 * marker in one transaction and is audited; a second assignment of the same hold is refused.
 */
@Injectable()
export class RegionHoldService {
  constructor(
    private readonly db: Db,
    private readonly holds: RegionHoldRepository,
    private readonly scope: RegionScope,
    private readonly staff: StaffAdminRepository,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<RegionHoldList> {
    return this.db.read(async (m) => {
      const rows = await this.holds.listHolds(m);
      const audits = new Map((await this.holds.assignmentAudits(m, rows.filter((h) => h.assignedCode).map((h) => h.heldCode))).map((a) => [a.objectId, a]));
      const items: RegionHoldView[] = [];
      for (const h of rows) {
        const moved = audits.get(h.heldCode);
        const counts = h.assignedCode ? ((moved ? JSON.parse(moved.detailJson).moved : {}) as RowCounts) : await this.holds.countMarked(m, h.heldCode);
        items.push(await this.view(m, h, counts));
      }
      return { items };
    });
  }

  async assign(caller: Staff, heldCode: string, regionCode: string): Promise<RegionHoldView> {
    const at = this.clock.now();
    return this.db.retrying(async (tx) => {
      const hold = await this.holds.findHold(tx, heldCode);
      if (!hold) throw new DomainError(ErrorCode.NotFound, 'no such held code');
      if (hold.assignedCode) throw new DomainError(ErrorCode.RegionHoldAssigned, `${heldCode} was assigned to ${hold.assignedCode}`);
      await this.scope.community(tx, caller, regionCode);
      // the conditional update decides between two admins assigning at once: the second finds it taken
      if (!(await this.holds.claim(tx, heldCode, regionCode, caller.staffId, at))) throw new DomainError(ErrorCode.RegionHoldAssigned, `${heldCode} was assigned meanwhile`);
      const moved = await this.holds.moveMarked(tx, heldCode, regionCode);
      const audit: IdentityAuditEntity = {
        id: randomUUID(), at, actorKind: 'staff', actorId: caller.staffId, action: ASSIGN_ACTION, objectKind: 'region_hold', objectId: heldCode, result: 'ok',
        detailJson: JSON.stringify({ oldCode: hold.oldCode, assignedCode: regionCode, moved }),
      };
      await this.holds.audit(tx, audit);
      return this.view(tx, { ...hold, assignedCode: regionCode, assignedBy: caller.staffId, assignedAt: at }, moved);
    });
  }

  private async view(m: EntityManager, h: RegionCodeHoldEntity, counts: RowCounts): Promise<RegionHoldView> {
    const rows = Object.entries(counts).map(([table, count]) => ({ table, label: regionHoldTableText(table), count }));
    let assigned: RegionHoldView['assigned'] = null;
    if (h.assignedCode) {
      const [community, street] = await this.scope.ancestry(m, h.assignedCode);
      const by = h.assignedBy ? (await this.staff.findMany(m, [h.assignedBy]))[0] : undefined;
      assigned = { code: h.assignedCode, name: community?.name ?? h.assignedCode, streetName: street?.level === 'street' ? street.name : null, byName: by?.displayName ?? '区管理员', at: (h.assignedAt ?? new Date(0)).toISOString() };
    }
    return {
      heldCode: h.heldCode, oldCode: h.oldCode, oldName: h.oldName, oldParentName: h.oldParentName, heldAt: h.heldAt.toISOString(),
      rows, total: rows.reduce((n, r) => n + r.count, 0), assigned,
    };
  }
}
