import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

// transactions belong to services; on SQLite (one connection, TypeORM does not queue) they are serialized
@Injectable()
export class Db {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly serialize: boolean;

  constructor(readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type === 'better-sqlite3';
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  get dialect(): 'sqlite' | 'mariadb' {
    return this.serialize ? 'sqlite' : 'mariadb';
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialize) return this.dataSource.transaction(work);
    const run = this.chain.then(() => this.dataSource.transaction(work));
    this.chain = run.catch(() => undefined);
    return run;
  }

  // plain reads outside a transaction must not interleave with an open SQLite transaction either
  read<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialize) return work(this.dataSource.manager);
    const run = this.chain.then(() => work(this.dataSource.manager));
    this.chain = run.catch(() => undefined);
    return run;
  }
}
