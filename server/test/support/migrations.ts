import type { DataSource } from 'typeorm';

/** undoes migrations until the schema stands just before `name` (that one undone too); fails when `name` never ran */
export async function undoThrough(ds: DataSource, name: string): Promise<void> {
  const last = async () => ((await ds.query('SELECT name FROM migrations ORDER BY id DESC'))[0]?.name as string | undefined);
  for (let i = 0; i < 50 && (await last()) !== name; i++) {
    if ((await last()) === undefined) break;
    await ds.undoLastMigration({ transaction: 'each' });
  }
  if ((await last()) !== name) throw new Error(`migration ${name} is not in this database's history`);
  await ds.undoLastMigration({ transaction: 'each' });
}
