import { ALLOWANCE_AGE_RULE_TEXT, type StaffAllowanceCheckView } from '@jianban/shared';
import { instantText } from '../booking/format';

type Evidence = StaffAllowanceCheckView['evidence'];

export const EVIDENCE_SOURCE_TEXT: Record<Evidence['source'], string> = {
  'district-copy': '区里导入的户籍、死亡、迁出名册',
  'data-sharing': '数据共享平台',
  application: '申请时填写的内容',
  policy: '高龄津贴政策设置',
};

// the registry's facts under names staff read (a fact without a name here is shown as 其他信息, never by its key)
const FACT_TEXT: Record<string, string> = {
  name: '户籍姓名',
  registryName: '户籍姓名',
  appliedName: '申请填写的姓名',
  idNumberMasked: '身份证号',
  idNumber: '身份证号',
  birthDate: '出生日期',
  age: '年龄',
  sex: '性别',
  hukouRegionCode: '户籍地代码',
  hukouRegionName: '户籍地',
  householdNumber: '户号',
  alive: '是否健在',
  deathDate: '死亡日期',
  movedOutOn: '户口迁出日期',
  movedOut: '户口是否迁出',
  eligibleFrom: '符合年龄的月份',
  ageRule: '年龄规则',
  otherApplication: '已有的申请',
  receiving: '是否已在领取',
  reason: '原因',
  problem: '问题',
  otherActive: '已有其他申请或正在领取',
  unavailable: '核对系统连不上',
  found: '户籍库里有这个人',
  nameMatches: '姓名和户籍一致',
  preRegistrationMonths: '可以提前申请的月数',
};

function valueText(v: string | number | boolean | null): string {
  if (v === null) return '无';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return instantText(v) || v;
  return String(v);
}

/** what the registry said, as lines staff read: source, how current, each fact */
export function evidenceLines(e: Evidence): string[] {
  const lines = [`来源：${EVIDENCE_SOURCE_TEXT[e.source] ?? '其他'}`];
  if (e.asOf) lines.push(`数据截至：${valueText(e.asOf)}`);
  for (const [k, v] of Object.entries(e.facts)) {
    const text = k === 'ageRule' && typeof v === 'string' && v in ALLOWANCE_AGE_RULE_TEXT ? ALLOWANCE_AGE_RULE_TEXT[v as keyof typeof ALLOWANCE_AGE_RULE_TEXT] : valueText(v);
    lines.push(`${FACT_TEXT[k] ?? '其他信息'}：${text}`);
  }
  return lines;
}
