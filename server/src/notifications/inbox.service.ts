import { Injectable } from '@nestjs/common';
import { ErrorCode, type InboxMessageView } from '@jianban/shared';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import type { Caller } from '../identity/caller';
import type { InboxMessageEntity } from './entities/inbox-message.entity';
import { InboxRepository, type Recipient } from './inbox.repository';

export function recipientOf(caller: Caller): Recipient {
  return caller.kind === 'resident' ? { kind: 'resident', id: caller.accountId } : { kind: 'staff', id: caller.staffId };
}

export function toInboxView(m: InboxMessageEntity): InboxMessageView {
  return {
    id: m.id,
    type: m.type as InboxMessageView['type'],
    title: m.title,
    body: m.body,
    link: m.linkKind && m.linkId ? { kind: m.linkKind as 'booking', id: m.linkId } : null,
    readAt: m.readAt ? m.readAt.toISOString() : null,
    createdAt: m.createdAt.toISOString(),
  };
}

// the caller's own inbox; a message of someone else is "not found", exactly like an id that does not exist
@Injectable()
export class InboxService {
  constructor(
    private readonly db: Db,
    private readonly inbox: InboxRepository,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, q: { page: number; pageSize: number; unreadOnly?: 'true' | 'false' }) {
    const r = recipientOf(caller);
    return this.db.read(async (m) => {
      const { items, total } = await this.inbox.page(m, r, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize, unreadOnly: q.unreadOnly === 'true' });
      const unread = await this.inbox.unreadCount(m, r);
      return { items: items.map(toInboxView), unread, total, page: q.page, pageSize: q.pageSize };
    });
  }

  async unread(caller: Caller) {
    return { unread: await this.db.read((m) => this.inbox.unreadCount(m, recipientOf(caller))) };
  }

  async get(caller: Caller, id: string): Promise<InboxMessageView> {
    const row = await this.db.read((m) => this.inbox.findOwn(m, recipientOf(caller), id));
    if (!row) throw new DomainError(ErrorCode.NotFound, 'no such message');
    return toInboxView(row);
  }

  async markRead(caller: Caller, id: string): Promise<InboxMessageView> {
    const r = recipientOf(caller);
    const row = await this.db.retrying(async (tx) => {
      await this.inbox.markRead(tx, r, id, this.clock.now());
      return this.inbox.findOwn(tx, r, id);
    });
    if (!row) throw new DomainError(ErrorCode.NotFound, 'no such message');
    return toInboxView(row);
  }

  async markAllRead(caller: Caller) {
    const r = recipientOf(caller);
    return this.db.retrying(async (tx) => {
      const updated = await this.inbox.markAllRead(tx, r, this.clock.now());
      return { updated, unread: await this.inbox.unreadCount(tx, r) };
    });
  }
}
