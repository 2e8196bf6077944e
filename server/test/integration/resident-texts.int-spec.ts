import { expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { seedReference } from '../../src/database/seed/seed';
import { EXAMPLE_SOURCE } from '../../src/catalog/catalog.seed';
import { describeEngines } from '../support/describe-engines';
import { undoThrough } from '../support/migrations';
import { createDatabase } from '../support/test-app';

// issue 14 item 3: what residents read carries no researcher's note — new seeds store none, and the migration removes
// those earlier seeds stored (the example work lists' source note, an alias marked "(湖北表述)")
describeEngines('resident texts on %s', (engine) => {
  it('seeds the example work lists without the source note and cleans an installation seeded before', async () => {
    const db = await createDatabase(engine);
    const ds = await createDataSource(loadConfig({ NODE_ENV: 'test', ...db.env }).db).initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      await seedReference(ds);
      const notes = async () => (await ds.query('SELECT note FROM catalog_work_list ORDER BY kind')).map((r: { note: string | null }) => r.note);
      expect(await notes()).toEqual([null, null, null]);
      const aliased = async () => Number((await ds.query("SELECT COUNT(*) AS n FROM catalog_item WHERE content_json LIKE '%表述)%'"))[0].n);
      expect(await aliased()).toBe(0);

      // what an earlier seed left: the note on every example list, the marked alias in an item
      await ds.query('UPDATE catalog_work_list SET note = ?', [EXAMPLE_SOURCE]);
      const [item] = await ds.query("SELECT id, content_json AS c FROM catalog_item WHERE code = 'NI-03'");
      const content = JSON.parse(item.c);
      content.aliases = ['户口登记项目内容变更更正证明(湖北表述)', ...content.aliases];
      await ds.query('UPDATE catalog_item SET content_json = ? WHERE id = ?', [JSON.stringify(content), item.id]);
      expect(await aliased()).toBe(1);

      // back past the migrations after this one, then this one, and forward again
      await undoThrough(ds, 'ResidentTexts1764380000000');
      await ds.runMigrations({ transaction: 'each' });
      expect(await notes()).toEqual([null, null, null]);
      expect(await aliased()).toBe(0);
      const [after] = await ds.query('SELECT content_json AS c FROM catalog_item WHERE id = ?', [item.id]);
      expect(JSON.parse(after.c).aliases[0]).toBe('户口登记项目内容变更更正证明');
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
