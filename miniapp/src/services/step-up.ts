// The staff password re-ask for sensitive actions (routes marked stepUp): a request answered 403 STEP_UP_REQUIRED
// waits here while <StepUpPrompt> asks for the password in place; when the server accepts it the request is retried.
// One prompt at a time: every request that meets the refusal meanwhile waits on the same answer.
import { useSyncExternalStore } from 'react';
import { routeRefs } from '@jianban/shared';
import { call, configureStepUp } from './http';

export interface StepUpState {
  open: boolean;
}

let state: StepUpState = { open: false };
let settle: ((ok: boolean) => void) | null = null;
let pending: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

function setState(next: StepUpState): void {
  state = next;
  listeners.forEach((l) => l());
}

// how many <StepUpPrompt> are mounted: with none there is nobody to ask, and the request fails with its code
let prompts = 0;
export function promptMounted(): () => void {
  prompts += 1;
  return () => {
    prompts -= 1;
  };
}

export function requestStepUp(): Promise<boolean> {
  if (prompts === 0) return Promise.resolve(false);
  if (!pending) {
    pending = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    setState({ open: true });
  }
  return pending;
}

function finish(ok: boolean): void {
  const done = settle;
  settle = null;
  pending = null;
  setState({ open: false });
  done?.(ok);
}

/** throws ApiError (STEP_UP_PASSWORD_WRONG, RATE_LIMITED …) so the prompt can say why and stay open */
export async function submitStepUp(password: string): Promise<void> {
  await call(routeRefs.staffStepUp, { password });
  finish(true);
}

export function cancelStepUp(): void {
  finish(false);
}

configureStepUp(requestStepUp);

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const get = () => state;
export function useStepUp(): StepUpState {
  return useSyncExternalStore(subscribe, get, get);
}
