import { QueryRunner, Table, TableColumnOptions, TableIndex, TableIndexOptions } from 'typeorm';

// column builders shared by migrations so both engines get the same portable types as the entities
export const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
export const varchar = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name, type: 'varchar', length: String(length), isNullable: false, ...extra,
});
export const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', isNullable: false, ...extra });
export const datetime = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name, type: 'datetime', precision: 3, isNullable: false, ...extra,
});
export const index = (name: string, columnNames: string[], isUnique = false): TableIndexOptions => ({ name, columnNames, isUnique });
export const text = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'text', isNullable: false, ...extra });

// one table with its indexes; every module's migration builds tables this way so both engines get the same schema
export async function createTable(q: QueryRunner, name: string, columns: TableColumnOptions[], indices: TableIndexOptions[] = []): Promise<void> {
  await q.createTable(new Table({ name, columns }), true);
  for (const i of indices) await q.createIndex(name, new TableIndex(i));
}
