import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from './entities';
import { grantStatements, INSERT_ONLY_TABLES, looksLikeAuditTable, wideGrants } from './app-user-grants';

const tableNames = () => {
  const targets = new Set<unknown>(ENTITIES);
  return getMetadataArgsStorage().tables.filter((t) => targets.has(t.target)).map((t) => t.name!).filter(Boolean);
};

describe("the application user's grants (G3)", () => {
  it('every table that records who did what is insert-only, and every insert-only table exists', () => {
    const tables = tableNames();
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.filter(looksLikeAuditTable).sort()).toEqual([...INSERT_ONLY_TABLES].sort());
    expect(looksLikeAuditTable('wechat_access_token')).toBe(false);
  });

  it('grants SELECT, INSERT only on the audit tables and the four DML privileges on the rest, per table', () => {
    const sql = grantStatements('jianban', ['staff_audit', 'booking', 'allowance_audit', 'case_log'], 'jianban_app', '10.0.%');
    expect(sql).toEqual([
      "GRANT SELECT, INSERT ON `jianban`.`allowance_audit` TO 'jianban_app'@'10.0.%'",
      "GRANT SELECT, INSERT, UPDATE, DELETE ON `jianban`.`booking` TO 'jianban_app'@'10.0.%'",
      "GRANT SELECT, INSERT, UPDATE, DELETE ON `jianban`.`case_log` TO 'jianban_app'@'10.0.%'",
      "GRANT SELECT, INSERT ON `jianban`.`staff_audit` TO 'jianban_app'@'10.0.%'",
    ]);
    expect(() => grantStatements('jianban', ['x'], "a'b", '%')).toThrow(/APP_DB_USER/);
    expect(() => grantStatements('jianban', ['x`; DROP'], 'app', '%')).toThrow(/identifier/);
    expect(() => grantStatements('jianban', ['x'], 'app', "%' OR 1")).toThrow(/APP_DB_HOST/);
  });

  it('finds the privileges that would reach the audit tables anyway', () => {
    const shown = [
      "GRANT USAGE ON *.* TO `app`@`%` IDENTIFIED BY PASSWORD '*X'",
      'GRANT SELECT, INSERT ON `jianban`.`staff_audit` TO `app`@`%`',
      'GRANT SELECT, INSERT, UPDATE, DELETE ON `jianban`.`booking` TO `app`@`%`',
      'GRANT SELECT ON `other`.* TO `app`@`%`',
    ];
    expect(wideGrants(shown, 'jianban')).toEqual([]);
    expect(wideGrants([...shown, 'GRANT ALL PRIVILEGES ON `jianban`.* TO `app`@`%`'], 'jianban')).toHaveLength(1);
    expect(wideGrants([...shown, 'GRANT SELECT, UPDATE ON *.* TO `app`@`%`'], 'jianban')).toHaveLength(1);
    expect(wideGrants([...shown, 'GRANT SELECT, INSERT, DELETE ON `jianban`.`allowance_audit` TO `app`@`%`'], 'jianban')).toHaveLength(1);
  });
});
