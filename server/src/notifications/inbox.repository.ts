import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { InboxMessageEntity } from './entities/inbox-message.entity';

export interface Recipient {
  kind: 'resident' | 'staff';
  id: string;
}

// every query is scoped to its recipient: a message of another account is simply not found
@Injectable()
export class InboxRepository {
  private own(r: Recipient) {
    return { recipientKind: r.kind, recipientId: r.id };
  }

  async page(m: EntityManager, r: Recipient, o: { offset: number; limit: number; unreadOnly: boolean }) {
    const where = o.unreadOnly ? { ...this.own(r), readAt: IsNull() } : this.own(r);
    const [items, total] = await m.findAndCount(InboxMessageEntity, {
      where,
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: o.offset,
      take: o.limit,
    });
    return { items, total };
  }

  unreadCount(m: EntityManager, r: Recipient): Promise<number> {
    return m.count(InboxMessageEntity, { where: { ...this.own(r), readAt: IsNull() } });
  }

  findOwn(m: EntityManager, r: Recipient, id: string): Promise<InboxMessageEntity | null> {
    return m.findOne(InboxMessageEntity, { where: { ...this.own(r), id } });
  }

  async markRead(m: EntityManager, r: Recipient, id: string, at: Date): Promise<void> {
    await m.update(InboxMessageEntity, { ...this.own(r), id, readAt: IsNull() }, { readAt: at });
  }

  async markAllRead(m: EntityManager, r: Recipient, at: Date): Promise<number> {
    const res = await m.update(InboxMessageEntity, { ...this.own(r), readAt: IsNull() }, { readAt: at });
    return res.affected ?? 0;
  }

  // inbox message id of each event (the push opens the message in the mini-program)
  async idsByEvent(m: EntityManager, eventIds: string[]): Promise<Map<string, string>> {
    if (!eventIds.length) return new Map();
    const rows = await m
      .createQueryBuilder(InboxMessageEntity, 'i')
      .select(['i.id', 'i.eventId'])
      .where('i.event_id IN (:...eventIds)', { eventIds })
      .getMany();
    return new Map(rows.map((r) => [r.eventId, r.id]));
  }
}
