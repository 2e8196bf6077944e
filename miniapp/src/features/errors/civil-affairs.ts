import type { CivilAffairsErrorCode } from '@jianban/shared';

type CivilAffairsCode = (typeof CivilAffairsErrorCode)[keyof typeof CivilAffairsErrorCode];

// registry imports (district staff console)
export const CIVIL_AFFAIRS_MESSAGES: Record<CivilAffairsCode, string> = {
  REGISTRY_FILE_INVALID: '文件打不开或类型不对，请用部门给的原件再试',
  REGISTRY_IMPORT_NOT_HELD: '这次导入已不在等待批准，请刷新',
};
