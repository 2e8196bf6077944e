import { firstMonthAtAge, maskIdNumber, meetsAgeRule, monthOf, parseIdNumber, type AllowanceCheckKind, type AgeRule } from '@jianban/shared';
import type { RegistryLookup } from '../civil-affairs/civil-affairs.port';

// The automatic checks of an application, as a pure function of what the registry said: each check gets a result, the
// evidence it rests on and a plain-Chinese sentence for the family. Where the hukou is comes only from the registry's
// hukou region code (under 421003), never from the ID number's prefix. An unavailable registry never fails a check.

export const DISTRICT_CODE = '421003';

export type CheckResult = 'passed' | 'failed' | 'waiting';
export interface CheckEvidence {
  source: 'district-copy' | 'data-sharing' | 'application' | 'policy';
  asOf: string | null;
  facts: Record<string, string | number | boolean | null>;
}
export interface CheckRecord {
  kind: AllowanceCheckKind;
  result: CheckResult;
  sentence: string;
  evidence: CheckEvidence;
}

export interface CheckInput {
  idNumber: string;
  elderName: string;
  today: string;
  policy: { minAge: number; ageRule: AgeRule; preRegistrationMonths: number };
  lookup: RegistryLookup;
  /** another active application or a receiving record for the same elder exists */
  duplicate: boolean;
  /** community names by 12-digit code, for the sentences */
  regionName: (code: string) => string | null;
}

export type CheckOutcome =
  | { kind: 'passed'; checks: CheckRecord[]; birthDate: string; eligibleFrom: string; communityCode: string }
  | { kind: 'failed'; checks: CheckRecord[]; birthDate: string; deceased: boolean; communityCode: string | null }
  | { kind: 'waiting'; checks: CheckRecord[]; reason: string };

const ymd = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const ym = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

export function evaluateChecks(input: CheckInput): CheckOutcome {
  const parsed = parseIdNumber(input.idNumber, input.today);
  const appEvidence = (facts: CheckEvidence['facts']): CheckEvidence => ({ source: 'application', asOf: null, facts });
  const idCheck: CheckRecord = parsed.ok
    ? { kind: 'id_valid', result: 'passed', sentence: '身份证号格式和校验位正确', evidence: appEvidence({ idNumber: maskIdNumber(input.idNumber) }) }
    : { kind: 'id_valid', result: 'failed', sentence: `身份证号不正确：${parsed.message}`, evidence: appEvidence({ idNumber: maskIdNumber(input.idNumber), problem: parsed.problem }) };
  const dup: CheckRecord = input.duplicate
    ? { kind: 'not_duplicate', result: 'failed', sentence: '这位老人已经有人申请过或已经在领取高龄津贴，不用重复申请', evidence: appEvidence({ otherActive: true }) }
    : { kind: 'not_duplicate', result: 'passed', sentence: '没有其他正在办理或已在领取的申请', evidence: appEvidence({ otherActive: false }) };
  const lookup = input.lookup;

  if (lookup.kind === 'unavailable') {
    const waiting = (kind: AllowanceCheckKind): CheckRecord => ({
      kind, result: 'waiting', sentence: '民政数据暂时连不上，系统会自动再核对，不用您做什么',
      evidence: { source: 'district-copy', asOf: null, facts: { unavailable: true } },
    });
    return { kind: 'waiting', reason: lookup.reason, checks: [idCheck, ...(['name_match', 'age', 'hukou', 'alive', 'not_moved_out'] as const).map(waiting), dup] };
  }

  if (lookup.kind === 'not-found') {
    const ev: CheckEvidence = { source: lookup.source, asOf: null, facts: { found: false } };
    const notFound = (kind: AllowanceCheckKind, sentence: string): CheckRecord => ({ kind, result: 'failed', sentence, evidence: ev });
    const birthDate = parsed.ok ? parsed.id.birthDate : '1900-01-01';
    return {
      kind: 'failed', birthDate, deceased: false, communityCode: null,
      checks: [
        idCheck,
        notFound('name_match', '民政的户籍数据里没有查到这个身份证号，请核对号码是否填对'),
        notFound('age', '没有查到户籍登记的出生日期，暂时无法核对年龄'),
        notFound('hukou', '没有查到荆州区的户籍记录；高龄津贴由户籍所在地发放'),
        notFound('alive', '没有查到户籍记录，暂时无法核对'),
        notFound('not_moved_out', '没有查到户籍记录，暂时无法核对'),
        dup,
      ],
    };
  }

  const p = lookup.person;
  const ev = (facts: CheckEvidence['facts']): CheckEvidence => ({ source: lookup.source, asOf: lookup.asOf.toISOString(), facts });
  const inDistrict = /^\d{12}$/.test(p.hukouRegionCode) && p.hukouRegionCode.startsWith(DISTRICT_CODE);
  const place = input.regionName(p.hukouRegionCode);
  const eligibleFrom = firstMonthAtAge(p.birthDate, input.policy.minAge, input.policy.ageRule);
  const ageOk = meetsAgeRule({ birthDate: p.birthDate, month: monthOf(input.today), rule: input.policy.ageRule, minAge: input.policy.minAge, preRegistrationMonths: input.policy.preRegistrationMonths });
  const alreadyEligible = eligibleFrom <= monthOf(input.today);
  const ageFacts = { birthDate: p.birthDate, ageRule: input.policy.ageRule, eligibleFrom, preRegistrationMonths: input.policy.preRegistrationMonths };

  const checks: CheckRecord[] = [
    idCheck,
    sameName(p.name, input.elderName)
      ? { kind: 'name_match', result: 'passed', sentence: '姓名和户籍登记一致', evidence: ev({ nameMatches: true }) }
      : { kind: 'name_match', result: 'failed', sentence: '填写的姓名和户籍登记的不一致，请按户口簿上的姓名修改后重新提交', evidence: ev({ nameMatches: false }) },
    !ageOk
      ? { kind: 'age', result: 'failed', sentence: `按户籍登记的出生日期（${ymd(p.birthDate)}），${ym(eligibleFrom)}才符合年龄条件，最早可以提前${input.policy.preRegistrationMonths}个月申请`, evidence: ev(ageFacts) }
      : alreadyEligible
        ? { kind: 'age', result: 'passed', sentence: `按户籍登记的出生日期（${ymd(p.birthDate)}），已符合年龄条件`, evidence: ev(ageFacts) }
        : { kind: 'age', result: 'passed', sentence: `${ym(eligibleFrom)}起符合年龄条件，现在可以提前登记，从那个月起计发`, evidence: ev(ageFacts) },
    inDistrict
      ? { kind: 'hukou', result: 'passed', sentence: `户籍在荆州区${place ?? ''}`, evidence: ev({ hukouRegionCode: p.hukouRegionCode }) }
      : { kind: 'hukou', result: 'failed', sentence: '户籍不在荆州区；高龄津贴由户籍所在地发放，请到户籍所在地申请', evidence: ev({ hukouRegionCode: p.hukouRegionCode }) },
    p.deathDate === null
      ? { kind: 'alive', result: 'passed', sentence: '民政数据显示老人健在，不用开健在证明', evidence: ev({ deathDate: null }) }
      : { kind: 'alive', result: 'failed', sentence: '民政数据登记老人已经去世，申请不能继续办理；如果登记有误，请到社区说明', evidence: ev({ deathDate: p.deathDate }) },
    p.movedOutDate === null
      ? { kind: 'not_moved_out', result: 'passed', sentence: '户口没有迁出荆州区', evidence: ev({ movedOutDate: null }) }
      : { kind: 'not_moved_out', result: 'failed', sentence: `户口已于${ymd(p.movedOutDate)}迁出荆州区，高龄津贴由新的户籍地发放`, evidence: ev({ movedOutDate: p.movedOutDate }) },
    dup,
  ];
  const communityCode = inDistrict ? p.hukouRegionCode : null;
  if (checks.every((c) => c.result === 'passed')) return { kind: 'passed', checks, birthDate: p.birthDate, eligibleFrom, communityCode: communityCode as string };
  return { kind: 'failed', checks, birthDate: p.birthDate, deceased: p.deathDate !== null, communityCode };
}

/** the first failed check's sentence, for the message to the family */
export function firstFailure(checks: readonly CheckRecord[]): string {
  return checks.find((c) => c.result === 'failed')?.sentence ?? '自动核对没有通过';
}
