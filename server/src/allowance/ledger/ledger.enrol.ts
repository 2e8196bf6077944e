import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../common/db-errors';
import type { ApplicationRow } from '../allowance.repository';
import { AllowanceRecipientEntity } from './ledger.entities';
import { sql } from './ledger.sql';

/**
 * An approved application becomes a recipient paid from `firstPaidMonth` (called in the approval's transaction: the
 * approval and the recipient commit together). One recipient per elder (unique elder_id_hash): an elder already on
 * the imported roll, or approved before and stopped, keeps the one row, which takes the new account and application.
 */
export async function enrolApprovedApplication(tx: EntityManager, app: ApplicationRow, firstPaidMonth: string, now: Date): Promise<void> {
  const row: AllowanceRecipientEntity = {
    id: randomUUID(), elderIdHash: app.elderIdHash, elderIdEnc: app.elderIdEnc, elderIdMasked: app.elderIdMasked, elderName: app.elderName,
    elderBirthDate: app.elderBirthDate, communityCode: app.communityCode, streetCode: app.streetCode, source: 'application', applicationId: app.id,
    accountKind: app.accountKind, accountEnc: app.accountEnc, accountLast4: app.accountLast4, bankName: app.bankName, accountUpdatedAt: now,
    firstPaidMonth, status: 'active', statusReason: null, stoppedFrom: null, deathDate: null, movedOutDate: null, flagged: false, flagReason: null,
    createdAt: now, updatedAt: now,
  };
  try {
    await tx.insert(AllowanceRecipientEntity, row);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await sql(tx, 
      `UPDATE allowance_recipient SET application_id = ?, account_kind = ?, account_enc = ?, account_last4 = ?, bank_name = ?, account_updated_at = ?, updated_at = ?,
         status = CASE WHEN status_reason = 'died' THEN status ELSE 'active' END,
         status_reason = CASE WHEN status_reason = 'died' THEN status_reason ELSE NULL END,
         stopped_from = CASE WHEN status_reason = 'died' THEN stopped_from ELSE NULL END
       WHERE elder_id_hash = ?`,
      [app.id, app.accountKind, app.accountEnc, app.accountLast4, app.bankName, now, now, app.elderIdHash],
    );
  }
}
