import type { CivilAffairsErrorCode } from '@jianban/shared';

type CivilAffairsCode = (typeof CivilAffairsErrorCode)[keyof typeof CivilAffairsErrorCode];

// registry imports (district staff console)
export const CIVIL_AFFAIRS_MESSAGES: Record<CivilAffairsCode, string> = {
  REGISTRY_FILE_INVALID: '文件打不开，或者内容和文件类型对不上（要表格文件或工作簿文件），请用部门给的原件再试',
  REGISTRY_IMPORT_NOT_HELD: '这次导入已经不在等待批准（可能别人刚批准了），请刷新后再看',
};
