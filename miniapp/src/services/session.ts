// The only client state: who is signed in, and the 长辈模式 choice.
// Mini-program: WeChat storage (per app) holds the session and refresh tokens (plus the account kind and the dev
// nickname) — never an openid or session_key. The H5 build (also the staff console) keeps no token where script can
// read it later: the session token lives in memory only, the refresh token in an HttpOnly cookie scoped to the refresh
// route; a reload renews from the cookie. Tabs of one browser share the cookie, so they coordinate: one refresh at a
// time (Web Locks), and the tab that refreshed hands the new session token to the others (BroadcastChannel, memory only).
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { routeRefs, type MeView, type SessionView } from '@jianban/shared';
import { call, configureAuth, ApiError } from './http';
import { loginResident, loginStaff, currentDevUser } from './login';
import type { AnyErrorCode } from './api-error';
import { decideElderMode, parseElderChoice, recheckElderMode } from '../features/elder/decide';

const KEY_TOKEN = 'jb.token';
const KEY_REFRESH = 'jb.refreshToken';
const KEY_KIND = 'jb.kind';
const KEY_DEV_USER = 'jb.devUser';
const KEY_ELDER = 'jb.elder';
const H5 = process.env.TARO_ENV === 'h5';

export type SessionStatus = 'loading' | 'signedIn' | 'anonymous';

export interface SessionState {
  status: SessionStatus;
  me: MeView | null;
  /** why the last sign-in failed, shown through the error message table */
  error: AnyErrorCode | null;
  /** 长辈模式 in effect */
  elder: boolean;
  /** the user's own choice (null: follow WeChat's font setting) */
  elderChoice: boolean | null;
  systemFontSize: number | undefined;
}

function read(key: string): string | null {
  try {
    const v = Taro.getStorageSync(key);
    return typeof v === 'string' && v ? v : null;
  } catch {
    return null;
  }
}
function write(key: string, value: string | null): void {
  try {
    if (value === null) Taro.removeStorageSync(key);
    else Taro.setStorageSync(key, value);
  } catch {
    // storage full or unavailable: the session lives in memory for this run
  }
}

function systemFontSize(): number | undefined {
  try {
    const get = (Taro as unknown as { getAppBaseInfo?: () => { fontSizeSetting?: number } }).getAppBaseInfo;
    if (typeof get !== 'function') return undefined;
    const size = get().fontSizeSetting;
    return typeof size === 'number' ? size : undefined;
  } catch {
    return undefined; // H5: the API is missing or not implemented
  }
}

// H5: never read a stored token (an older build wrote one: drop it)
let token: string | null = H5 ? null : read(KEY_TOKEN);
if (H5) write(KEY_TOKEN, null);
let state: SessionState = (() => {
  const elderChoice = parseElderChoice(read(KEY_ELDER));
  const fontSize = systemFontSize();
  return {
    status: 'loading',
    me: null,
    error: null,
    elderChoice,
    systemFontSize: fontSize,
    elder: decideElderMode(elderChoice, fontSize),
  };
})();
const listeners = new Set<() => void>();

function setState(patch: Partial<SessionState>): void {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

function apply(session: SessionView): void {
  token = session.token;
  if (!H5) write(KEY_TOKEN, session.token);
  write(KEY_REFRESH, H5 ? null : (session.refreshToken ?? null));
  if (process.env.TARO_ENV === 'h5') tabs?.postMessage({ type: 'session', token: session.token, me: session.me });
  write(KEY_KIND, session.me.kind);
  write(KEY_DEV_USER, currentDevUser() ?? null);
  setState({ status: 'signedIn', me: session.me, error: null });
}

// after the signed-in person changed something about themself (e.g. their name)
export function replaceMe(me: MeView): void {
  if (state.status === 'signedIn') setState({ me });
}

// H5: the other tabs of this browser (same cookie, same person) hear of a new session token; memory only. Written with
// process.env.TARO_ENV inline so the weapp build drops all of it (its main package is at its size limit)
let tabs: BroadcastChannel | null = null;
if (process.env.TARO_ENV === 'h5' && typeof BroadcastChannel === 'function') {
  tabs = new BroadcastChannel('jb-session');
  // Node (unit tests) keeps a process alive for an open channel; browsers have no unref
  (tabs as unknown as { unref?: () => void }).unref?.();
  tabs.onmessage = (e: MessageEvent<{ type: string; token?: string; me?: MeView }>) => {
    const msg = e.data;
    if (msg?.type !== 'session' || !msg.token || !msg.me) return;
    // only the same person's login (a tab signed in as someone else keeps its own session)
    const same = state.me ? state.me.kind === msg.me.kind && state.me.id === msg.me.id : read(KEY_KIND) === msg.me.kind;
    if (!same) return;
    token = msg.token;
    if (state.status !== 'signedIn') setState({ status: 'signedIn', me: msg.me, error: null });
  };
}

function forget(error: AnyErrorCode | null): void {
  token = null;
  write(KEY_TOKEN, null);
  write(KEY_REFRESH, null);
  write(KEY_KIND, null);
  setState({ status: 'anonymous', me: null, error });
}

function codeOf(e: unknown): AnyErrorCode {
  return e instanceof ApiError ? e.code : 'INTERNAL_ERROR';
}

// single-flight: every request that meets a 401 waits on this one shared promise
let renewing: Promise<boolean> | null = null;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// H5: one refresh at a time across this browser's tabs; a tab that waited finds the token another tab got
type Locks = { request(name: string, cb: () => Promise<boolean>): Promise<boolean> };
function acrossTabs(refusedToken: string | null, work: () => Promise<boolean>): Promise<boolean> {
  if (process.env.TARO_ENV !== 'h5') return work();
  const locks = typeof navigator !== 'undefined' ? (navigator as unknown as { locks?: Locks }).locks : undefined;
  if (!locks) return work();
  return locks.request('jb-refresh', async () => (token !== null && token !== refusedToken ? true : work()));
}

async function refreshOnce(refreshToken: string | null, refusedToken: string | null): Promise<boolean> {
  try {
    apply(await call(routeRefs.refreshSession, H5 ? {} : { refreshToken: refreshToken! }));
    return true;
  } catch (e) {
    // H5: another tab spent the cookie's token a moment ago (the server refuses the slower one with SESSION_EXPIRED
    // and ends nothing); its answer set the new cookie, or its token reached us meanwhile: try once more
    if (process.env.TARO_ENV !== 'h5' || codeOf(e) !== 'SESSION_EXPIRED') return false;
    await pause(300);
    if (token !== null && token !== refusedToken) return true;
    try {
      apply(await call(routeRefs.refreshSession, {}));
      return true;
    } catch {
      return false;
    }
  }
}

async function renew(refusedToken: string | null): Promise<boolean> {
  const refreshToken = read(KEY_REFRESH);
  // H5: an earlier sign-in left its refresh token in the cookie, which the browser sends to the refresh route by itself
  if (refreshToken || (H5 && read(KEY_KIND))) {
    if (await acrossTabs(refusedToken, () => refreshOnce(refreshToken, refusedToken))) return true;
    // refresh token expired or revoked: fall through to a fresh login
  }
  // a resident can sign in again silently; a staff member has to type the password
  if (read(KEY_KIND) !== 'staff') {
    try {
      apply(await loginResident());
      return true;
    } catch (e) {
      forget(codeOf(e));
      return false;
    }
  }
  forget('SESSION_EXPIRED');
  return false;
}

export function renewSession(refusedToken: string | null = null): Promise<boolean> {
  // another request already replaced the refused token: just retry
  if (refusedToken !== null && token !== null && token !== refusedToken) return Promise.resolve(true);
  if (!renewing) renewing = renew(refusedToken).finally(() => (renewing = null));
  return renewing;
}

configureAuth({ getToken: () => token, onUnauthorized: renewSession });

export async function signInResident(): Promise<void> {
  setState({ status: 'loading', error: null });
  try {
    apply(await loginResident());
  } catch (e) {
    forget(codeOf(e));
  }
}

/** throws ApiError (e.g. INVALID_CREDENTIALS) so the form can show it */
export async function signInStaff(username: string, password: string): Promise<void> {
  apply(await loginStaff(username, password));
}

export async function signOut(): Promise<void> {
  if (token) await call(routeRefs.logout, {}).catch(() => undefined);
  forget(null);
}

/** loads who is signed in from a stored token, or signs a resident in */
export async function loadSession(): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    // tests pick their user with ?devUser=…; a different one means a different person
    const devUser = currentDevUser();
    if (devUser && devUser !== read(KEY_DEV_USER) && read(KEY_KIND) !== 'staff') forget(null);
  }
  if (!token && H5 && read(KEY_KIND)) {
    // the page was reloaded without a usable session token: the refresh cookie renews it (or renew() signs in again)
    setState({ status: 'loading', error: null });
    await renewSession();
    return;
  }
  if (!token) return signInResident();
  setState({ status: 'loading', error: null });
  try {
    const me = await call(routeRefs.me, {});
    setState({ status: 'signedIn', me, error: null });
  } catch (e) {
    if (token) setState({ status: 'anonymous', me: null, error: codeOf(e) });
    // else: renew() already forgot the session and recorded why
  }
}

let started: Promise<void> | null = null;
export function startSession(): Promise<void> {
  if (!started) started = loadSession();
  return started;
}

export function setElderMode(on: boolean): void {
  write(KEY_ELDER, on ? '1' : '0');
  setState({ elderChoice: on, elder: on });
}

/** on app show: follow a changed WeChat font setting, unless the user chose 长辈模式 on or off themselves */
export function recheckSystemFont(): void {
  const fontSize = systemFontSize();
  const elder = recheckElderMode(state.elderChoice, fontSize, state.elder);
  const size = fontSize ?? state.systemFontSize;
  if (elder !== state.elder || size !== state.systemFontSize) setState({ elder, systemFontSize: size });
}

export function getSession(): SessionState {
  return state;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

/** who is signed in, as a query-key part ('' before sign-in): one person's cached data never shows for another */
export function useMeId(): string {
  const { me } = useSession();
  return me ? `${me.kind}:${me.id}` : '';
}
