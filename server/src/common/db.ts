import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

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
