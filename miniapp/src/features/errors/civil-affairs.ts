import type { CivilAffairsErrorCode } from '@jianban/shared';

type CivilAffairsCode = (typeof CivilAffairsErrorCode)[keyof typeof CivilAffairsErrorCode];

// registry imports (district staff console)
export const CIVIL_AFFAIRS_MESSAGES: Record<CivilAffairsCode, string> = {
  REGISTRY_FILE_INVALID: '文件打不开或不是它名字说的格式（要 .csv 表格或 .xlsx 工作簿），请用部门给的原件再试',
  REGISTRY_IMPORT_NOT_HELD: '这次导入已经不在等待批准（可能别人刚批准了），请刷新后再看',
};
