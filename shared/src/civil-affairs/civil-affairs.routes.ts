import { idParams } from '../common.schema';
import { defineRoute, noInput } from '../route';
import { registryImportList, registryImportReportView, registryImportUploadInput, registryImportUploadView, registryImportView } from './civil-affairs.schema';

const district = ['district_admin'] as const;

export const civilAffairsRoutes = {
  registryImports: defineRoute({ method: 'GET', path: '/staff/civil-affairs/imports', summary: '户籍、死亡、迁出数据的导入记录（区管理员）', auth: 'staff', roles: district, input: noInput, output: registryImportList }),
  registryImportReport: defineRoute({ method: 'GET', path: '/staff/civil-affairs/imports/:id/report', summary: '下载一次导入的校验报告（CSV：行号、列、问题）', auth: 'staff', roles: district, input: noInput, params: idParams, output: registryImportReportView }),
  uploadRegistryImport: defineRoute({ method: 'POST', path: '/staff/civil-affairs/imports', summary: '上传并导入户籍、死亡或迁出数据文件（区管理员）', auth: 'staff', roles: district, status: 201, input: registryImportUploadInput, output: registryImportUploadView }),
  approveRegistryImport: defineRoute({ method: 'POST', path: '/staff/civil-affairs/imports/:id/approve', summary: '批准一次暂停的导入（区管理员）', auth: 'staff', roles: district, input: noInput, params: idParams, output: registryImportView }),
} as const;
