import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BRACKET_CHANGE_TEXT, PAYMENT_PERIOD_TEXT, type BracketChangeRule, type PaymentPeriod, type PaymentSettingsView, type UpdatePaymentSettingsInput } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { AllowancePaymentSettingsEntity } from './ledger.entities';

export interface PaymentSettings {
  period: PaymentPeriod;
  arrearsCapMonths: number | null;
  bracketChange: BracketChangeRule;
  payDay: number;
  /** basis points: 500 = 5 % */
  holdBp: number;
  isDefault: boolean;
  updatedAt: Date | null;
}

/** not known for 荆州区 (see ../shared/data/allowance-policy.json): monthly, no arrears cap, higher bracket from the birthday month */
export const DEFAULT_SETTINGS: PaymentSettings = { period: 'monthly', arrearsCapMonths: null, bracketChange: 'birthday_month', payDay: 10, holdBp: 500, isDefault: true, updatedAt: null };

const NOTE_DEFAULT =
  '以下是系统默认值，荆州区的发放周期（按月或按季度，武汉为按季度）、补发是否有上限、升档从哪个月起、银行到账日都还没有确认，请按区民政局的规定修改后勾选“已确认”。';
const NOTE_CONFIRMED = '区民政局已确认以上规则适用于荆州区。';

// item 0: the payment rules the district sets (district only); every version is kept, the newest applies
@Injectable()
export class PaymentSettingsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async current(m: EntityManager): Promise<PaymentSettings> {
    const row = await m.getRepository(AllowancePaymentSettingsEntity).createQueryBuilder('s').orderBy('s.created_at', 'DESC').addOrderBy('s.id', 'DESC').limit(1).getOne();
    if (!row) return DEFAULT_SETTINGS;
    return {
      period: row.period as PaymentPeriod, arrearsCapMonths: row.arrearsCapMonths, bracketChange: row.bracketChange as BracketChangeRule, payDay: row.payDay,
      holdBp: row.reverifyHoldBp, isDefault: row.isDefault, updatedAt: row.createdAt,
    };
  }

  view(): Promise<PaymentSettingsView> {
    return this.db.read(async (m) => toView(await this.current(m)));
  }

  async update(staffId: string, input: UpdatePaymentSettingsInput): Promise<PaymentSettingsView> {
    const now = this.clock.now();
    await this.db.transaction((tx) =>
      tx.insert(AllowancePaymentSettingsEntity, {
        id: randomUUID(), period: input.period, arrearsCapMonths: input.arrearsCapMonths, bracketChange: input.bracketChange, payDay: input.payDay,
        reverifyHoldBp: Math.round(input.reverifyHoldPercent * 100), isDefault: !input.confirmedForDistrict, createdBy: staffId, createdAt: now,
      }),
    );
    return this.view();
  }
}

export function toView(s: PaymentSettings): PaymentSettingsView {
  return {
    period: s.period, periodText: PAYMENT_PERIOD_TEXT[s.period], arrearsCapMonths: s.arrearsCapMonths, bracketChange: s.bracketChange,
    bracketChangeText: BRACKET_CHANGE_TEXT[s.bracketChange], payDay: s.payDay, reverifyHoldPercent: s.holdBp / 100, isDefault: s.isDefault,
    note: s.isDefault ? NOTE_DEFAULT : NOTE_CONFIRMED, updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null,
  };
}
