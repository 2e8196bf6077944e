import Taro from '@tarojs/taro';
import { useState } from 'react';
import { personName } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { registerWalkIn } from '../../../../features/booking/staff-calls';
import { messageFor } from '../../../../features/errors/messages';
import { useServiceItems, useStaffSettle } from '../../../../features/booking/hooks';
import { useStaffCommunity } from '../../../../features/booking/staff-community';
import { StaffCommunityPicker } from '../../../../features/booking/StaffCommunityPicker';
import { pageUrl, STAFF_DETAIL_PAGE } from '../../../../features/booking/pages';

/** a resident who came without booking: registered against the same capacity; the one who registers is responsible */
export default function StaffWalkInPage() {
  const { community, choices, loading, pick, isStaff } = useStaffCommunity();
  const items = useServiceItems(community?.code ?? null);
  const settle = useStaffSettle();
  const [item, setItem] = useState('');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!community) return;
    setError(null);
    const n = personName.safeParse(name);
    if (!n.success) setNameError(n.error.issues[0]?.message);
    if (!item) setError('请选择办什么事');
    if (!n.success || !item) return;
    setBusy(true);
    try {
      const b = await registerWalkIn(community.code, item, n.data);
      settle(b);
      void Taro.redirectTo({ url: pageUrl(STAFF_DETAIL_PAGE, { id: b.id }) });
    } catch (err) {
      setError(messageFor(err));
    } finally {
      setBusy(false);
    }
  };

  if (!isStaff) return <PageShell title="现场登记"><Notice tone="error" title="只有工作人员能用">请先用“工作人员登录”。</Notice></PageShell>;
  if (!community) return <PageShell title="现场登记"><StaffCommunityPicker choices={choices} loading={loading} onPick={pick} /></PageShell>;
  const active = (items.data?.items ?? []).filter((i) => i.active);
  return (
    <PageShell title={`现场登记 · ${community.name}`} intro="登记后占用现在这个时段的一个名额，您就是这件事的首问负责人。">
      {items.isPending ? <Notice>正在读取事项…</Notice> : null}
      {items.isError ? <Notice tone="error" title="事项没有读出来">{messageFor(items.error)}</Notice> : null}
      <Field label="来办事的人的姓名" value={name} onChange={(v) => { setName(v); setNameError(undefined); }} error={nameError} maxlength={30} />
      <OptionGroup label="办什么事" options={active.map((i) => ({ value: i.id, label: i.name }))} value={item} onChange={(v) => { setItem(v); setError(null); }} />
      {error ? <Notice tone="error" title="没有登记成功">{error}</Notice> : null}
      <Button loading={busy} onClick={() => void submit()}>登记</Button>
    </PageShell>
  );
}
