import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { datetime } from './schema-helpers';

// identity: the absolute cap of a staff login (login_at, carried through refresh-token rotation) and the staff
// password re-ask for sensitive actions (step_up_until), both on the session rows so every instance sees them
export class StaffStepUp1764476000000 implements MigrationInterface {
  name = 'StaffStepUp1764476000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('auth_session', new TableColumn(datetime('login_at', { isNullable: true })));
    await q.addColumn('auth_session', new TableColumn(datetime('step_up_until', { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('auth_session', 'step_up_until');
    await q.dropColumn('auth_session', 'login_at');
  }
}
