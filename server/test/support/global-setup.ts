import { mariadbReachable, MARIADB_ADMIN_URL } from './engines';

export default async function globalSetup() {
  const problem = await mariadbReachable();
  if (!problem) {
    process.env.JB_TEST_ENGINES = 'sqlite,mariadb';
    return;
  }
  if (process.env.REQUIRE_MYSQL === '1') {
    throw new Error(`REQUIRE_MYSQL=1 but MariaDB at ${MARIADB_ADMIN_URL} is not reachable: ${problem}`);
  }
  const bar = '!'.repeat(78);
  process.stderr.write(`\n${bar}\n!! MariaDB at ${MARIADB_ADMIN_URL} is NOT reachable (${problem}).\n!! The MariaDB integration suite is SKIPPED; only SQLite runs. Set REQUIRE_MYSQL=1 to make this fail.\n${bar}\n\n`);
  process.env.JB_TEST_ENGINES = 'sqlite';
}
