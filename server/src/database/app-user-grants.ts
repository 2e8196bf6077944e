import type { DataSource } from 'typeorm';

/**
 * The audit trails (G3): who revealed a full number, who decided, who imported. The application writes them and reads
 * them back for staff; it never changes or removes a row, so on MySQL/MariaDB/TiDB its database user is granted only
 * SELECT and INSERT on them (and nothing in the code deletes them: they are kept for as long as the district keeps the
 * database, at least the 180 days the rule asks for). A new audit table belongs here — the spec checks every table
 * whose name says it is one (`*_audit`, `*_access` records of staff access) against this list.
 */
export const INSERT_ONLY_TABLES: readonly string[] = [
  'allowance_audit',
  'allowance_ledger_audit',
  'booking_contact_access',
  'identity_audit',
  'registry_audit',
  'staff_audit',
];

/** tables whose name says they record who did what (the spec compares them with INSERT_ONLY_TABLES) */
export const looksLikeAuditTable = (table: string): boolean => /_audit$/.test(table) || (/_access$/.test(table) && !/token/.test(table));

const ident = (name: string): string => {
  if (!/^[A-Za-z0-9_$]+$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `\`${name}\``;
};

const account = (user: string, host: string): string => {
  if (!/^[A-Za-z0-9_.-]{1,80}$/.test(user)) throw new Error('APP_DB_USER: letters, digits, _ . - only');
  if (!/^[A-Za-z0-9_.%:-]{1,255}$/.test(host)) throw new Error('APP_DB_HOST: a host name, address or pattern (%, 10.0.%)');
  return `'${user}'@'${host}'`;
};

/**
 * The GRANT statements for the application's database user: per table, so that the audit tables get SELECT, INSERT
 * only and every other table SELECT, INSERT, UPDATE, DELETE — no DDL (migrations run as the owner), no database-wide
 * privilege (which would cover the audit tables too). Run again after each migration that adds a table.
 */
export function grantStatements(database: string, tables: readonly string[], user: string, host: string): string[] {
  const who = account(user, host);
  return [...tables].sort().map((t) =>
    `GRANT ${INSERT_ONLY_TABLES.includes(t) ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE'} ON ${ident(database)}.${ident(t)} TO ${who}`);
}

/**
 * the lines of SHOW GRANTS that would let the user change an audit table: a global or database-wide privilege other
 * than USAGE, or UPDATE/DELETE/ALL/ALTER/DROP on one of the audit tables themselves
 */
export function wideGrants(showGrants: readonly string[], database: string): string[] {
  return showGrants.filter((g) => {
    const m = /^GRANT\s+(.+?)\s+ON\s+(\S+)\s+TO\s/i.exec(g);
    if (!m) return false;
    const [, privileges, on] = m;
    const [db, table] = on.replace(/`/g, '').split('.');
    if (db === '*') return !/^USAGE$/i.test(privileges.trim());
    if (db !== database) return false;
    if (table === '*') return true;
    return INSERT_ONLY_TABLES.includes(table) && /\b(UPDATE|DELETE|ALL|ALTER|DROP)\b/i.test(privileges);
  });
}

/**
 * Creates the user if it does not exist (with the password given; an existing user keeps its own) and grants it the
 * per-table privileges; refuses — changing nothing more — when the user holds a database-wide or global privilege,
 * which would let it change the audit trails anyway. Returns the tables granted.
 */
export async function grantAppUser(ds: DataSource, o: { user: string; host: string; password: string }): Promise<{ tables: number; insertOnly: string[] }> {
  if (ds.options.type !== 'mysql' && ds.options.type !== 'mariadb') throw new Error('an embedded SQLite database has no users: the grants are for MySQL/MariaDB/TiDB');
  const [{ db }] = (await ds.query('SELECT DATABASE() AS db')) as { db: string | null }[];
  if (!db) throw new Error('DB_URL names no database');
  const rows = (await ds.query("SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")) as { t: string }[];
  const tables = rows.map((r) => r.t);
  const missing = INSERT_ONLY_TABLES.filter((t) => !tables.includes(t));
  if (missing.length) throw new Error(`the schema lacks ${missing.join(', ')}: run the migrations first`);
  const who = account(o.user, o.host);
  await ds.query(`CREATE USER IF NOT EXISTS ${who} IDENTIFIED BY ?`, [o.password]);
  const shown = ((await ds.query(`SHOW GRANTS FOR ${who}`)) as Record<string, string>[]).map((r) => Object.values(r)[0]);
  const wide = wideGrants(shown, db);
  if (wide.length) throw new Error(`${who} already holds privileges that reach the audit tables; revoke them first:\n  ${wide.join('\n  ')}`);
  for (const sql of grantStatements(db, tables, o.user, o.host)) await ds.query(sql);
  return { tables: tables.length, insertOnly: [...INSERT_ONLY_TABLES] };
}
