import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { StaffRole } from '@jianban/shared';

export type Caller =
  | { kind: 'resident'; accountId: string; sessionId: string }
  | { kind: 'staff'; staffId: string; role: StaffRole; regionCode: string; sessionId: string; mustChangePassword?: boolean };

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
