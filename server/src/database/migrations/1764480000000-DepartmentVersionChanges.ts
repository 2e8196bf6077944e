import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// each department version records what it changed, field by field (old → new), so the district admin's directory page
// can show a department's history. Versions written before stay without it (their history reads the difference from
// the version before, where there is one). Nothing is rewritten.
export class DepartmentVersionChanges1764480000000 implements MigrationInterface {
  name = 'DepartmentVersionChanges1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('catalog_department_version', new TableColumn({ name: 'changes_json', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('catalog_department_version', 'changes_json');
  }
}
