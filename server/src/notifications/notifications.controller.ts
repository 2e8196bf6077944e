import { Controller, UseGuards } from '@nestjs/common';
import { routes } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../common/route.decorators';
import { AuthGuard } from '../identity/auth.guard';
import { CurrentUser, type Caller } from '../identity/caller';
import { InboxService } from './inbox.service';
import { SubscriptionService } from './subscription.service';

type Resident = Extract<Caller, { kind: 'resident' }>;

@Controller()
@UseGuards(AuthGuard)
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Endpoint(routes.listInbox)
  list(@RouteInput(routes.listInbox) q: { page: number; pageSize: number; unreadOnly?: 'true' | 'false' }, @CurrentUser() caller: Caller) {
    return this.inbox.list(caller, q);
  }

  @Endpoint(routes.inboxUnread)
  unread(@RouteInput(routes.inboxUnread) _q: object, @CurrentUser() caller: Caller) {
    return this.inbox.unread(caller);
  }

  @Endpoint(routes.markAllInboxRead)
  markAll(@RouteInput(routes.markAllInboxRead) _b: object, @CurrentUser() caller: Caller) {
    return this.inbox.markAllRead(caller);
  }

  @Endpoint(routes.getInboxMessage)
  get(@RouteParams(routes.getInboxMessage) p: { id: string }, @RouteInput(routes.getInboxMessage) _q: object, @CurrentUser() caller: Caller) {
    return this.inbox.get(caller, p.id);
  }

  @Endpoint(routes.markInboxRead)
  markRead(@RouteParams(routes.markInboxRead) p: { id: string }, @RouteInput(routes.markInboxRead) _b: object, @CurrentUser() caller: Caller) {
    return this.inbox.markRead(caller, p.id);
  }
}

@Controller()
@UseGuards(AuthGuard)
export class SubscriptionController {
  constructor(private readonly subscriptions: SubscriptionService) {}

  @Endpoint(routes.subscriptionTemplates)
  templates(@RouteInput(routes.subscriptionTemplates) q: { purpose: 'booking' | 'allowance' }) {
    return this.subscriptions.templates(q.purpose);
  }

  @Endpoint(routes.reportSubscriptions)
  report(@RouteInput(routes.reportSubscriptions) b: { results: { templateId: string; result: 'accept' | 'reject' | 'ban' | 'filter' }[] }, @CurrentUser() caller: Resident) {
    return this.subscriptions.report(caller.accountId, b.results);
  }

  @Endpoint(routes.myCredits)
  credits(@RouteInput(routes.myCredits) _q: object, @CurrentUser() caller: Resident) {
    return this.subscriptions.mine(caller.accountId);
  }
}
