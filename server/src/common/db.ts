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

  /**
   * @param conflictRetryMs after `retrying`'s attempts, keep retrying a lock conflict until this long after the first
   * run (DB_CONFLICT_RETRY_MS; 0 = the attempts only). A Galera cluster sets it: there a hot row written through two
   * nodes at once (the catalog's version row, a rate-limit counter) refuses all but one commit at a time.
   */
  constructor(
    readonly dataSource: DataSource,
    private readonly conflictRetryMs = 0,
  ) {
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
  // snapshot-isolation conflict, a Galera certification failure): it was rolled back whole, so running it again is safe.
  // `attempts` runs at least, then more while less than conflictRetryMs has passed since the first, each after a jittered
  // pause that doubles (≤ 255 ms). Joined transactions are not retried.
  async retrying<T>(work: (tx: EntityManager) => Promise<T>, attempts = 4): Promise<T> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction(work);
      } catch (err) {
        if (this.inTransaction || !isRetryableConflict(err)) throw err;
        if (attempt >= attempts && Date.now() - started >= this.conflictRetryMs) throw err;
        const pause = attempt < attempts ? 5 + Math.random() * 20 * attempt : 5 + Math.random() * Math.min(250, 10 * 2 ** attempt);
        await new Promise((r) => setTimeout(r, pause));
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
