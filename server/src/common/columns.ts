import { Column, ColumnOptions } from 'typeorm';

// portable column shapes for SQLite and MariaDB (see toolchain notes: datetime(3), varchar with length)
export const DateTimeColumn = (name: string, opts: Partial<ColumnOptions> = {}) =>
  Column({ type: 'datetime', precision: 3, name, ...opts } as ColumnOptions);

export const IdColumn = (name: string, opts: Partial<ColumnOptions> = {}) =>
  Column({ type: 'varchar', length: 36, name, ...opts } as ColumnOptions);
