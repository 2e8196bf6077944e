// the steps of the resident's booking flow, carried in page URLs (each step is one screen)
import { param } from '../catalog/urls';
import { BOOKING_CONFIRM_PAGE, BOOKING_PERSON_PAGE, BOOKING_SLOT_PAGE, pageUrl } from './pages';

export const SELF = 'self';

export interface FlowParams {
  item?: string;
  code?: string;
  /** a family member's id, or 'self' */
  who?: string;
  /** the name shown to staff when booking for oneself */
  name?: string;
  date?: string;
  start?: string;
  /** rescheduling this booking instead of making a new one */
  reschedule?: string;
}

/** router params arrive percent-encoded on H5 and decoded on weapp: decode safely once */
export function readFlowParams(raw: Record<string, string | undefined> | undefined): FlowParams {
  const get = (k: string) => param(raw?.[k]) || undefined;
  return { item: get('item'), code: get('code'), who: get('who'), name: get('name'), date: get('date'), start: get('start'), reschedule: get('reschedule') };
}

export const personStep = (p: FlowParams) => pageUrl(BOOKING_PERSON_PAGE, { item: p.item, code: p.code });
export const slotStep = (p: FlowParams) => pageUrl(BOOKING_SLOT_PAGE, { item: p.item, code: p.code, who: p.who, name: p.name, reschedule: p.reschedule });
export const confirmStep = (p: FlowParams) =>
  pageUrl(BOOKING_CONFIRM_PAGE, { item: p.item, code: p.code, who: p.who, name: p.name, date: p.date, start: p.start });

/** the person part of a create-booking request */
export function personInput(p: FlowParams): { familyMemberId: string } | { selfName: string } | null {
  if (p.who === SELF) return p.name ? { selfName: p.name } : null;
  return p.who ? { familyMemberId: p.who } : null;
}
