import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isRetryableConflict } from './db-errors';

// transactions belong to services; on SQLite (one connection, TypeORM does not queue) they are serialized.
// work started inside a transaction (a helper service called from a use case) joins it instead of queueing
// behind it, which on SQLite would wait forever.
@Injectable()
export class Db {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly serialize: boolean;
  private readonly open = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type === 'better-sqlite3';
  }

  get dialect(): 'sqlite' | 'mariadb' {
    return this.serialize ? 'sqlite' : 'mariadb';
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const joined = this.open.getStore();
    if (joined) return work(joined);
    return this.queue(() => this.dataSource.transaction((tx) => this.open.run(tx, () => work(tx))));
  }

  // true inside a transaction (a retry must then be left to whoever opened it)
  get inTransaction(): boolean {
    return this.open.getStore() !== undefined;
  }

  // a short transaction retried when the database picks it as a lock-conflict victim (deadlock, lock wait timeout,
  // snapshot-isolation conflict): it was rolled back whole, so running it again is safe. Joined transactions are not retried.
  async retrying<T>(work: (tx: EntityManager) => Promise<T>, attempts = 4): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction(work);
      } catch (err) {
        if (this.inTransaction || attempt >= attempts || !isRetryableConflict(err)) throw err;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  // reads (and single atomic statements) outside a transaction; inside one they use its connection
  read<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const joined = this.open.getStore();
    if (joined) return work(joined);
    return this.queue(() => work(this.dataSource.manager));
  }

  private queue<T>(run: () => Promise<T>): Promise<T> {
    if (!this.serialize) return run();
    const next = this.chain.then(run);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
