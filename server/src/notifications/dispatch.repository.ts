import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationAttemptEntity } from './entities/notification-attempt.entity';
import { NotificationEventEntity } from './entities/notification-event.entity';

// The outbox claims. One conditional UPDATE stamps a fresh claim token and lease expiry on due rows that nobody holds
// (never claimed, or the holder's lease ran out): the same SQL on SQLite, MariaDB/MySQL and TiDB (no SELECT … FOR
// UPDATE SKIP LOCKED). A plain SELECT only proposes candidates; the UPDATE repeats every condition, so on InnoDB it
// re-checks them on the latest committed row and a row claimed meanwhile by another instance is skipped. Every later write is guarded by the token and the lease, so a holder whose lease expired cannot touch a row
// that someone else has claimed since.
@Injectable()
export class DispatchRepository {
  static readonly DUE = `push_state IN ('pending', 'sending') AND next_attempt_at <= :now AND (claim_token IS NULL OR claim_expires_at < :now)`;

  async claim(m: EntityManager, token: string, now: Date, leaseUntil: Date, limit: number, due = DispatchRepository.DUE): Promise<number> {
    // candidates from a plain (non-locking) read; the claim itself is the conditional UPDATE below, which touches only
    // these rows by primary key (an UPDATE with a subquery would lock every row it scans on InnoDB)
    const candidates = await m
      .createQueryBuilder(NotificationEventEntity, 'e')
      .select('e.id', 'id')
      .where(due, { now })
      .orderBy('e.next_attempt_at', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    if (!candidates.length) return 0;
    const r = await m
      .createQueryBuilder()
      .update(NotificationEventEntity)
      .set({ claimToken: token, claimExpiresAt: leaseUntil })
      .where('id IN (:...ids)', { ids: candidates.map((c) => c.id) })
      .andWhere(due, { now })
      .execute();
    return r.affected ?? 0;
  }

  claimed(m: EntityManager, token: string): Promise<NotificationEventEntity[]> {
    return m.find(NotificationEventEntity, { where: { claimToken: token }, order: { nextAttemptAt: 'ASC' } });
  }

  // the transition every send goes through first: only the current holder (token and lease still valid) of an open
  // event may take it, so a redelivered event that is already sent (or held by someone else) is never sent again
  async begin(m: EntityManager, id: string, token: string, now: Date, set: { templateId: string | null; creditHeld: number }): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(NotificationEventEntity)
      .set({ pushState: 'sending', attempts: () => 'attempts + 1', templateId: set.templateId, creditHeld: set.creditHeld })
      .where(`id = :id AND claim_token = :token AND claim_expires_at > :now AND push_state IN ('pending', 'sending')`, { id, token, now })
      .execute();
    return r.affected === 1;
  }

  // the final (or retry) state, guarded the same way; releases the claim
  async settle(
    m: EntityManager,
    id: string,
    token: string,
    set: { pushState: string; lastError: string | null; nextAttemptAt?: Date; sentAt?: Date; creditHeld?: number; templateId?: string | null },
  ): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(NotificationEventEntity)
      .set({ ...set, lastError: set.lastError?.slice(0, 255) ?? null, claimToken: null, claimExpiresAt: null })
      .where(`id = :id AND claim_token = :token`, { id, token })
      .execute();
    return r.affected === 1;
  }

  async recordAttempts(m: EntityManager, rows: NotificationAttemptEntity[]): Promise<void> {
    if (rows.length) await m.insert(NotificationAttemptEntity, rows.map((r) => ({ ...r, error: r.error?.slice(0, 255) ?? null })));
  }
}
