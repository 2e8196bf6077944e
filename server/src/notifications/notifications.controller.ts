import { Controller, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
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
  list(@RouteInput(routes.listInbox) q: ParsedInput<typeof routes.listInbox>, @CurrentUser() caller: Caller) {
    return this.inbox.list(caller, q);
  }

  @Endpoint(routes.inboxUnread)
  unread(@RouteInput(routes.inboxUnread) _q: ParsedInput<typeof routes.inboxUnread>, @CurrentUser() caller: Caller) {
    return this.inbox.unread(caller);
  }

  @Endpoint(routes.markAllInboxRead)
  markAll(@RouteInput(routes.markAllInboxRead) _b: ParsedInput<typeof routes.markAllInboxRead>, @CurrentUser() caller: Caller) {
    return this.inbox.markAllRead(caller);
  }

  @Endpoint(routes.getInboxMessage)
  get(@RouteParams(routes.getInboxMessage) p: ParsedParams<typeof routes.getInboxMessage>, @RouteInput(routes.getInboxMessage) _q: ParsedInput<typeof routes.getInboxMessage>, @CurrentUser() caller: Caller) {
    return this.inbox.get(caller, p.id);
  }

  @Endpoint(routes.markInboxRead)
  markRead(@RouteParams(routes.markInboxRead) p: ParsedParams<typeof routes.markInboxRead>, @RouteInput(routes.markInboxRead) _b: ParsedInput<typeof routes.markInboxRead>, @CurrentUser() caller: Caller) {
    return this.inbox.markRead(caller, p.id);
  }
}

@Controller()
@UseGuards(AuthGuard)
export class SubscriptionController {
  constructor(private readonly subscriptions: SubscriptionService) {}

  @Endpoint(routes.subscriptionTemplates)
  templates(@RouteInput(routes.subscriptionTemplates) q: ParsedInput<typeof routes.subscriptionTemplates>) {
    return this.subscriptions.templates(q.purpose);
  }

  @Endpoint(routes.reportSubscriptions)
  report(@RouteInput(routes.reportSubscriptions) b: ParsedInput<typeof routes.reportSubscriptions>, @CurrentUser() caller: Resident) {
    return this.subscriptions.report(caller.accountId, b.results);
  }

  @Endpoint(routes.myCredits)
  credits(@RouteInput(routes.myCredits) _q: ParsedInput<typeof routes.myCredits>, @CurrentUser() caller: Resident) {
    return this.subscriptions.mine(caller.accountId);
  }
}
