import { TableColumnOptions, TableIndexOptions } from 'typeorm';

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
