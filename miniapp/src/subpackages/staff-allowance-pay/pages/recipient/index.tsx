import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { OverpaymentView, StaffRecipientDetailView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { TextArea } from '../../../../components/TextArea';
import { QueryState } from '../../../../components/QueryState';
import { Cell, CellGroup } from '../../../../components/Cell';
import { messageFor } from '../../../../features/errors/messages';
import { useSession } from '../../../../services/session';
import { param } from '../../../../features/catalog/urls';
import { StaffGate } from '../../../../features/allowance/components/StaffGate';
import { evidenceLines } from '../../../../features/allowance/evidence';
import { useResolveOverpayment, useStaffRecipient, useStaffUpdatePaymentAccount } from '../../../../features/allowance-pay/hooks';
import { buildAccountFix } from '../../../../features/allowance-pay/payments';
import { ACCOUNT_KIND_OPTIONS } from '../../../../features/allowance/apply-form';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { monthText, yuanText } from '../../../../features/allowance-pay/format';
import { InfoRows } from '../../../../features/allowance-pay/components/InfoRows';

const OVERPAYMENT_TEXT: Record<OverpaymentView['status'], string> = { open: '待追回', recovered: '已追回', waived: '已核销' };

/** the district records how an overpayment (追缴) ended */
function ResolveOverpayment({ o }: { o: OverpaymentView }) {
  const resolve = useResolveOverpayment();
  const [note, setNote] = useState('');
  return (
    <Section title={`${monthText(o.forMonth)}多发的${yuanText(o.amountCny)}`}>
      <TextArea label="结果说明" value={note} maxlength={300} onChange={setNote} />
      {resolve.isError ? <Notice tone="error" title="没有记下">{messageFor(resolve.error)}</Notice> : null}
      <Button disabled={!note.trim()} loading={resolve.isPending} onClick={() => resolve.mutate({ id: o.id, outcome: 'recovered', note: note.trim() })}>已追回</Button>
      <Button variant="secondary" disabled={!note.trim()} loading={resolve.isPending} onClick={() => resolve.mutate({ id: o.id, outcome: 'waived', note: note.trim() })}>核销（不再追回）</Button>
    </Section>
  );
}

/** staff correct the account after checking with the family (reason recorded); failed months follow in the next roster */
function FixAccount({ id }: { id: string }) {
  const update = useStaffUpdatePaymentAccount(id);
  const [form, setForm] = useState({ kind: '', number: '', bankName: '', reason: '' });
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const set = (change: Partial<typeof form>) => {
    setForm((f) => ({ ...f, ...change }));
    setErrors({});
  };
  const send = () => {
    const built = buildAccountFix(form);
    if (!built.ok) return setErrors(built.errors);
    if (!form.reason.trim()) return setErrors({ reason: '请写明核对的经过，例如：家属带存折到社区核对' });
    update.mutate({ account: built.account, reason: form.reason.trim() });
  };
  if (update.isSuccess) {
    const months = update.data.retryMonths.map(monthText).join('、');
    return <Notice tone="success" title="收款账户已改正">{months ? `${months}的津贴会在下一次发放时补发。` : '以后的津贴发到新账户。'}</Notice>;
  }
  return (
    <Section title="核对后改正收款账户">
      <OptionGroup label="哪种卡" options={ACCOUNT_KIND_OPTIONS} value={form.kind} onChange={(v) => set({ kind: v })} error={errors.kind} />
      <Field label="新的卡号或账号" type="number" value={form.number} maxlength={40} onChange={(v) => set({ number: v })} error={errors.number} />
      <Field label="开户银行（可以不填）" value={form.bankName} maxlength={60} onChange={(v) => set({ bankName: v })} error={errors.bankName} />
      <TextArea label="核对经过（记入记录）" value={form.reason} maxlength={200} onChange={(v) => set({ reason: v })} error={errors.reason} />
      {update.isError ? <Notice tone="error" title="没有改成功">{messageFor(update.error)}</Notice> : null}
      <Button loading={update.isPending} onClick={send}>保存新账户</Button>
    </Section>
  );
}

function Recipient({ r, isDistrict }: { r: StaffRecipientDetailView; isDistrict: boolean }) {
  return (
    <PageShell title={`${r.elderName}（${r.elderIdMasked}）`} intro={`${r.communityName ?? r.communityCode} · ${r.statusText}`}>
      {r.statusReason ? <Notice tone="soon" title="停发或暂停的原因">{r.statusReason}</Notice> : null}
      {r.flagged ? <Notice tone="soon" title="户籍数据需要核实">核实前不会停发。</Notice> : null}
      <InfoRows rows={[['档次', `${r.bracketLabel}，每月${yuanText(r.monthlyCny)}`], ['从哪个月开始发', monthText(r.firstPaidMonth)], ['收款账户', `${r.account.kindText} ${r.account.masked}`], ['来源', r.source === 'payment_roll' ? '导入的在册名单' : '小程序或窗口申请']]} />
      <Section title="每月发放">
        {r.entitlements.length === 0 ? <Notice>还没有发放记录。</Notice> : (
          <CellGroup>
            {r.entitlements.map((e) => (
              <Cell
                key={e.id}
                title={`${monthText(e.forMonth)} · ${yuanText(e.amountCny)}`}
                description={[e.backPay ? `补发，随${monthText(e.payMonth)}发` : '', e.failureReason ? `原因：${e.failureReason}` : '', e.paidOn ? `${e.paidOn}到账` : ''].filter(Boolean).join('；') || e.bracketLabel}
                extra={{ pending: '待发放', paid: '已发放', failed: '发放失败', cancelled: '不发放' }[e.state]}
              />
            ))}
          </CellGroup>
        )}
      </Section>
      {r.status === 'active' ? <FixAccount id={r.id} /> : null}
      <Section title="复核决定和依据">
        {r.decisions.length === 0 ? <Notice>没有复核决定。</Notice> : (
          <CellGroup>
            {r.decisions.map((d) => (
              <Cell key={d.id} title={`${d.kindText}${d.effectiveMonth ? `（从${monthText(d.effectiveMonth)}起）` : ''}`} description={[d.staffText, ...evidenceLines(d.evidence), d.familyText ? `告诉家属：${d.familyText}` : ''].filter(Boolean).join('；')} />
            ))}
          </CellGroup>
        )}
      </Section>
      {r.overpayments.length > 0 ? (
        <Section title="追缴">
          <CellGroup>
            {r.overpayments.map((o) => (
              <Cell key={o.id} title={`${monthText(o.forMonth)} · ${yuanText(o.amountCny)}`} description={[o.reason, o.resolution ?? ''].filter(Boolean).join('；')} extra={OVERPAYMENT_TEXT[o.status]} />
            ))}
          </CellGroup>
          {isDistrict ? r.overpayments.filter((o) => o.status === 'open').map((o) => <ResolveOverpayment key={o.id} o={o} />) : null}
        </Section>
      ) : null}
    </PageShell>
  );
}

function RecipientLoader({ id }: { id: string }) {
  const q = useStaffRecipient(id);
  const { me } = useSession();
  if (!id) return <PageShell title="领取人"><Notice tone="error" title="没有指明是哪位老人">请从待办或名单进入。</Notice></PageShell>;
  if (!q.data) return <PageShell title="领取人"><QueryState query={q} loading="正在读取…" errorTitle="没有读出来" /></PageShell>;
  return <Recipient r={q.data} isDistrict={me?.kind === 'staff' && me.role === 'district_admin'} />;
}

/** one recipient for staff: every month, every decision with its evidence, and 追缴 */
export default function StaffPayRecipientPage() {
  return (
    <StaffGate title="领取人" roles={['community_staff', 'street_reviewer', 'district_admin']}>
      <RecipientLoader id={param(Taro.getCurrentInstance().router?.params?.id)} />
    </StaffGate>
  );
}
