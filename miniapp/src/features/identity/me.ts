// the resident's own account: what the 我的 pages send to the API
import { routeRefs, type MeView, type UpdateMeInput } from '@jianban/shared';
import { call } from '../../services/http';
import { replaceMe } from '../../services/session';

/** saves the resident's own name (already checked against the contract) and updates the session's copy */
export async function updateMyName(input: UpdateMeInput): Promise<MeView> {
  const me = await call(routeRefs.updateMe, input);
  replaceMe(me);
  return me;
}
