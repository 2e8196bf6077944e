import { expect } from '@jest/globals';
import { routes } from '@jianban/shared';
import type { ModuleContractCases } from './contract-cases';

let uploads = 0;
/** a one-row roster unlike any other upload of this run (the same file twice would be a duplicate) */
const rosterFile = () => ({
  kind: 'roster' as const,
  fileName: `户籍名单-${++uploads}.csv`,
  base64: Buffer.from(`\uFEFF身份证号,姓名,性别,出生日期,户籍地区划代码,户号\r\n42100319400101${String(uploads).padStart(3, '0')}X,合同${uploads},男,1940-01-01,421003003003,00300391${String(uploads).padStart(5, '0')}\r\n`, 'utf8').toString('base64'),
});

// the registry-import routes (district admin): the list and report are reads; the upload and the approval have bodies
export const CIVIL_AFFAIRS_CASES: ModuleContractCases = {
  validParams: { registryImportReport: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' }, approveRegistryImport: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' } },
  okForValid: {
    registryImports: [200],
    // 404: a well-formed id of no import
    registryImportReport: [200, 404],
    // 400: generated content that is not a readable file of its kind (REGISTRY_FILE_INVALID)
    uploadRegistryImport: [201, 400],
    // 409: the import is not held for approval
    approveRegistryImport: [200, 404, 409],
  },
  massAssignment: {
    uploadRegistryImport: async (c) => {
      const input = rosterFile();
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('uploadRegistryImport'), { body: { ...input, ...extra }, token: c.staff }));
      const r = await c.t.call(routes.uploadRegistryImport, input, { token: c.staff });
      expect([r.status, r.body.import?.totalRows]).toEqual([201, 1]);
    },
    approveRegistryImport: async (c) => {
      const r = await c.t.call(routes.uploadRegistryImport, rosterFile(), { token: c.staff });
      expect(r.status).toBe(201);
      const id = r.body.import.id as string;
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('approveRegistryImport', { id }), { body: extra, token: c.staff }));
      // a published roster is not waiting for approval: the clean input reaches the service and is told so
      expect((await c.t.call(routes.approveRegistryImport, {}, { params: { id }, token: c.staff })).body.code).toBe('REGISTRY_IMPORT_NOT_HELD');
    },
  },
};
