import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { datetime, varchar } from './schema-helpers';

// issue 11: a death the family reports on an allowance application, waiting for the community to confirm it
export class AllowanceDeathReport1764472000000 implements MigrationInterface {
  name = 'AllowanceDeathReport1764472000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('allowance_application', new TableColumn(varchar('death_reported_on', 10, { isNullable: true })));
    await q.addColumn('allowance_application', new TableColumn(datetime('death_reported_at', { isNullable: true })));
    await q.addColumn('allowance_application', new TableColumn(varchar('death_reported_by', 36, { isNullable: true })));
    await q.addColumn('allowance_application', new TableColumn(varchar('death_report_state', 16, { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['death_report_state', 'death_reported_by', 'death_reported_at', 'death_reported_on']) await q.dropColumn('allowance_application', c);
  }
}
