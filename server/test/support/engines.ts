import mysql from 'mysql2/promise';

export type Engine = 'sqlite' | 'mariadb';

export const MARIADB_ADMIN_URL = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';

export async function mariadbReachable(): Promise<string | null> {
  try {
    const conn = await mysql.createConnection({ uri: MARIADB_ADMIN_URL, connectTimeout: 3000 });
    await conn.query('SELECT 1');
    await conn.end();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

// decided once in global setup: every integration suite runs on each engine listed here
export function testEngines(): Engine[] {
  return (process.env.JB_TEST_ENGINES ?? 'sqlite').split(',') as Engine[];
}
