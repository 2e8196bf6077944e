import { MigrationInterface, QueryRunner } from 'typeorm';

// texts for researchers that earlier seeds put where residents read them (issue 14 item 3): the example work lists'
// source note (their pages say 这是示例 from the `example` flag), and an alias carrying "(湖北表述)"
export class ResidentTexts1764380000000 implements MigrationInterface {
  name = 'ResidentTexts1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("UPDATE catalog_work_list SET note = NULL WHERE example = 1 AND note LIKE '示例清单：荆州区的村级组织%原文未找到%'");
    await q.query("UPDATE catalog_item SET content_json = REPLACE(content_json, '(湖北表述)', '') WHERE content_json LIKE '%(湖北表述)%'");
  }

  async down(): Promise<void> {
    // the notes were never meant for residents: nothing to put back
  }
}
