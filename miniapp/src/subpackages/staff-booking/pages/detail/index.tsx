import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { TextArea } from '../../../../components/TextArea';
import { OptionGroup } from '../../../../components/OptionGroup';
import { CaseLog } from '../../../../components/CaseLog';
import { StepUpPrompt } from '../../../../components/StepUpPrompt';
import { sendStaffAction } from '../../../../features/booking/staff-calls';
import { ContactPhone } from '../../../../features/booking/ContactPhone';
import { useSession } from '../../../../services/session';
import { messageFor } from '../../../../features/errors/messages';
import { useColleagues, useStaffBooking, useStaffSettle } from '../../../../features/booking/hooks';
import { groupedCode, instantText } from '../../../../features/booking/format';
import { needsForm, parseMaterials, STAFF_ACTION_TEXT, staffActionsFor, type StaffAction } from '../../../../features/booking/staff';
import styles from './index.module.scss';

const FORM_LABEL: Partial<Record<StaffAction, string>> = {
  reject: '不通过的原因（居民会看到）',
  cancel: '取消的原因（居民会看到）',
  hand_over: '转交的原因',
  missing: '缺少的材料：一行写一样，一次写全（居民会看到）',
  note: '备注（只在办理记录里）',
};

export default function StaffBookingDetailPage() {
  const id = Taro.getCurrentInstance().router?.params?.id ?? '';
  const { me } = useSession();
  const booking = useStaffBooking(id);
  const settle = useStaffSettle();
  const b = booking.data;
  const colleagues = useColleagues(b?.communityCode ?? null);
  const [open, setOpen] = useState<StaffAction | null>(null);
  const [text, setText] = useState('');
  const [toStaffId, setToStaffId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (booking.isPending) return <PageShell title="预约详情"><Notice>正在读取…</Notice></PageShell>;
  if (!b) {
    return (
      <PageShell title="预约详情">
        <Notice tone="error" title="打不开这个预约">{messageFor(booking.error)}</Notice>
        <Button variant="secondary" onClick={() => void Taro.navigateBack()}>返回</Button>
      </PageShell>
    );
  }

  const actions = staffActionsFor(b.status, b.startsAt, new Date());
  const begin = (a: StaffAction) => {
    setError(null);
    setDone(null);
    if (needsForm(a)) {
      setOpen(a);
      setText(a === 'missing' ? b.missingMaterials.join('\n') : '');
      setToStaffId('');
      return;
    }
    void run(a);
  };
  const run = async (a: StaffAction) => {
    if (a === 'missing' && parseMaterials(text).length === 0) return setError('请至少写一样缺少的材料');
    if ((a === 'reject' || a === 'cancel' || a === 'hand_over' || a === 'note') && !text.trim()) return setError('请写上原因');
    if (a === 'hand_over' && !toStaffId) return setError('请选择转交给哪位同事');
    setBusy(true);
    setError(null);
    try {
      const next = await sendStaffAction(b, a, text, toStaffId);
      settle(next);
      setOpen(null);
      setText('');
      setDone(`已${STAFF_ACTION_TEXT[a].replace(/（.*）/, '')}`);
    } catch (err) {
      setError(messageFor(err));
      void booking.refetch();
    } finally {
      setBusy(false);
    }
  };

  const others = (colleagues.data?.items ?? []).filter((c) => me?.kind !== 'staff' || c.staffId !== me.id);
  const rows: [string, string][] = [
    ['时间', `${instantText(b.startsAt)}–${b.end}`],
    ['事项', b.serviceItem.name],
    ['来办事的人', b.personName],
    ['谁约的', b.channel === 'walk_in' ? '现场登记' : b.bookedByName],
    ['预约码', groupedCode(b.passCode)],
    ['首问负责人', b.responsible ? `${b.responsible.name}（${b.responsible.post}）` : '还没有（确认或接待的人就是负责人）'],
  ];
  if (b.handedOver && b.handler) rows.push(['现在办理的人', `${b.handler.name}（${b.handler.post}）`]);

  return (
    <PageShell title={`${b.personName} · ${b.statusText}`}>
      {done ? <Notice tone="success" title={done} /> : null}
      <View className={styles.card}>
        {rows.map(([k, v]) => (
          <View key={k} className={styles.row}>
            <Text className={styles.key}>{k}</Text>
            <Text className={styles.value}>{v}</Text>
          </View>
        ))}
      </View>
      {b.channel === 'walk_in' ? null : <ContactPhone key={b.id} bookingId={b.id} masked={b.contactPhone} />}
      {b.rejectReason ? <Notice tone="error" title="不通过的原因">{b.rejectReason}</Notice> : null}
      {b.missingMaterials.length > 0 ? (
        <Notice tone="error" title={`已告知缺少 ${b.missingMaterials.length} 样材料`}>{b.missingMaterials.map((m, i) => `${i + 1}. ${m}`).join('\n')}</Notice>
      ) : null}

      <Section title="办理">
        {error && !open ? <Notice tone="error" title="没有办成">{error}</Notice> : null}
        {open ? (
          <View className={styles.form}>
            <Text className={styles.formTitle}>{STAFF_ACTION_TEXT[open]}</Text>
            {open === 'hand_over' ? (
              <OptionGroup
                label="转交给"
                options={others.map((c) => ({ value: c.staffId, label: `${c.name}（${c.post}）` }))}
                value={toStaffId}
                onChange={setToStaffId}
              />
            ) : null}
            {open === 'missing' ? (
              <TextArea
                label={FORM_LABEL.missing ?? ''}
                value={text}
                onChange={setText}
                maxlength={2000}
                hint={`共 ${parseMaterials(text).length} 样`}
              />
            ) : (
              <Field label={FORM_LABEL[open] ?? '说明'} value={text} onChange={setText} maxlength={200} />
            )}
            {error ? <Notice tone="error" title="还不能提交">{error}</Notice> : null}
            <Button loading={busy} variant={open === 'reject' || open === 'cancel' ? 'danger' : 'primary'} onClick={() => void run(open)}>
              {`提交：${STAFF_ACTION_TEXT[open].replace(/（.*）/, '')}`}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => { setOpen(null); setError(null); }}>不做了</Button>
          </View>
        ) : (
          actions.map((a, i) => (
            <Button key={a} variant={i === 0 && !needsForm(a) ? 'primary' : 'secondary'} loading={busy && i === 0} disabled={busy} onClick={() => begin(a)}>
              {STAFF_ACTION_TEXT[a]}
            </Button>
          ))
        )}
      </Section>

      <Section title="办理记录">
        <CaseLog entries={b.log} />
      </Section>
      {/* 查看完整号码: the server asks for the password again first */}
      <StepUpPrompt />
    </PageShell>
  );
}
