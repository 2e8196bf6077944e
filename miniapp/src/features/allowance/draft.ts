// The application being filled in, across its four screens. In memory only (never in storage or a URL: it holds the
// account number), belongs to one signed-in resident, and is cleared once submitted.
import { EMPTY_DRAFT, type ApplyDraft } from './apply-form';

let owner = '';
let current: ApplyDraft = { ...EMPTY_DRAFT };

export function readDraft(meId: string): ApplyDraft {
  if (owner !== meId) return { ...EMPTY_DRAFT };
  return { ...current };
}

export function updateDraft(meId: string, change: Partial<ApplyDraft>): ApplyDraft {
  if (owner !== meId) {
    owner = meId;
    current = { ...EMPTY_DRAFT };
  }
  // choosing another elder starts the rest over: a consent or an account belongs to one elder
  if (change.familyMemberId !== undefined && change.familyMemberId !== current.familyMemberId) current = { ...EMPTY_DRAFT };
  current = { ...current, ...change };
  return { ...current };
}

export function clearDraft(): void {
  owner = '';
  current = { ...EMPTY_DRAFT };
}
