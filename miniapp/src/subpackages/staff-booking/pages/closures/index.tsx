import Taro from '@tarojs/taro';
import { Picker, View, Text } from '@tarojs/components';
import { useState } from 'react';
import { shanghaiDate, type RegionView } from '@jianban/shared';
import { Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { messageFor } from '../../../../features/errors/messages';
import { useAddClosure, useCanConfigureCentre, useClosures, useRemoveClosure } from '../../../../features/booking/hooks';
import { StaffCommunityPage } from '../../../../features/booking/StaffCommunityPicker';
import { pageUrl, STAFF_DAY_PAGE } from '../../../../features/booking/pages';
import { CLOSURE_REASON_MAX, closureDayText, readClosureForm, serverClosureErrors, type ClosureErrors } from '../../../../features/booking/closure-form';
import styles from './index.module.scss';
import { a11y } from '../../../../components/a11y';
import { QueryState } from '../../../../components/QueryState';

const TITLE = '临时闭馆';
const NOT_CANCELLED = '这一天已经约好的预约不会自动取消：请到这一天的预约里逐个取消，并写明原因，居民会收到通知。';

function openDay(code: string, date: string) {
  void Taro.navigateTo({ url: pageUrl(STAFF_DAY_PAGE, { date, code }) });
}

type Done = { kind: 'added' | 'removed'; date: string } | null;

function AddForm({ code, onDone, onCancel }: { code: string; onDone: (date: string) => void; onCancel: () => void }) {
  const today = shanghaiDate(new Date());
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ClosureErrors>({});
  const add = useAddClosure(code);
  const submit = () => {
    const read = readClosureForm({ date, reason }, today);
    if ('errors' in read) return setErrors(read.errors);
    setErrors({});
    add.mutate(read.input, {
      onSuccess: (c) => onDone(c.date),
      onError: (err) => setErrors(serverClosureErrors(err)),
    });
  };
  const fieldError = !!(errors.date || errors.reason);
  return (
    <Section title="添加闭馆日">
      <Notice>{`设好后，居民就约不了这一天。注意：${NOT_CANCELLED}`}</Notice>
      <Field
        label="哪一天闭馆"
        value={date}
        onChange={(v) => { setDate(v); setErrors((e) => ({ ...e, date: undefined })); add.reset(); }}
        maxlength={12}
        placeholder={`如 ${today}`}
        hint="写成 2026-05-01 这样，或点下面的“用日历选”"
        error={errors.date}
      />
      <Picker mode="date" value={date || today} start={today} onChange={(e) => { setDate(String(e.detail.value)); setErrors((x) => ({ ...x, date: undefined })); }}>
        <Button variant="link">用日历选</Button>
      </Picker>
      <Field
        label="闭馆原因（居民会看到）"
        value={reason}
        onChange={(v) => { setReason(v); setErrors((e) => ({ ...e, reason: undefined })); add.reset(); }}
        maxlength={CLOSURE_REASON_MAX}
        placeholder="如：社区活动，暂停服务"
        error={errors.reason}
      />
      {add.isError && !fieldError ? <Notice tone="error" title="没有添加">{messageFor(add.error)}</Notice> : null}
      {fieldError ? <Notice tone="error" title="没有添加">请按红字提示修改。</Notice> : null}
      <Button loading={add.isPending} onClick={submit}>添加闭馆日</Button>
      <Button variant="secondary" onClick={onCancel}>返回，不添加</Button>
    </Section>
  );
}

function Closures({ community }: { community: RegionView }) {
  const code = community.code;
  const canEdit = useCanConfigureCentre();
  const list = useClosures(code);
  const remove = useRemoveClosure(code);
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<Done>(null);

  if (adding) {
    return (
      <AddForm
        code={code}
        onDone={(date) => { setAdding(false); setDone({ kind: 'added', date }); }}
        onCancel={() => setAdding(false)}
      />
    );
  }
  const items = list.data?.items ?? [];
  return (
    <>
      {done?.kind === 'added' ? (
        <>
          <Notice tone="success" title={`已设为闭馆：${closureDayText(done.date)}`}>{NOT_CANCELLED}</Notice>
          <Button variant="secondary" onClick={() => openDay(code, done.date)}>{`去看 ${closureDayText(done.date)} 的预约`}</Button>
        </>
      ) : null}
      {done?.kind === 'removed' ? <Notice tone="success" title={`已删除：${closureDayText(done.date)} 不再闭馆`}>这一天按平常的开放时间开门，居民可以预约。</Notice> : null}
      {canEdit ? <Button onClick={() => { setAdding(true); setDone(null); setConfirming(null); }}>添加闭馆日</Button> : <Notice>您可以查看。要添加或删除，请本社区的工作人员或区管理员来做。</Notice>}
      <Section title="以后的闭馆日">
        <QueryState query={list} />
        {list.isSuccess && !items.length ? <Notice>以后没有临时闭馆的日子。</Notice> : null}
        {remove.isError ? <Notice tone="error" title="没有删除">{messageFor(remove.error)}</Notice> : null}
        <View className={styles.list} {...a11y('list', { label: '以后的闭馆日' })}>
          {items.map((c) => (
            <View key={c.id} className={styles.card} {...a11y('listitem', { label: `${closureDayText(c.date)}，${c.reason}` })}>
              <Text className={styles.day}>{closureDayText(c.date)}</Text>
              <Text className={styles.reason}>{`原因：${c.reason}`}</Text>
              <Button variant="secondary" onClick={() => openDay(code, c.date)} a11yLabel={`看这天的预约：${closureDayText(c.date)}`}>看这天的预约</Button>
              {canEdit && confirming !== c.id ? (
                <Button variant="secondary" onClick={() => { setConfirming(c.id); setDone(null); remove.reset(); }} a11yLabel={`删除这个闭馆日：${closureDayText(c.date)}`}>删除这个闭馆日</Button>
              ) : null}
              {canEdit && confirming === c.id ? (
                <View className={styles.confirm}>
                  <Text className={styles.question} {...a11y('alert')}>{`确定删除吗？删除后 ${closureDayText(c.date)} 恢复开门，居民可以预约。`}</Text>
                  <Button
                    variant="danger"
                    loading={remove.isPending}
                    onClick={() => remove.mutate(c.id, { onSuccess: () => { setConfirming(null); setDone({ kind: 'removed', date: c.date }); }, onError: () => void list.refetch() })}
                  >
                    确定删除
                  </Button>
                  <Button variant="secondary" onClick={() => setConfirming(null)}>不删了</Button>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      </Section>
    </>
  );
}

export default function StaffClosuresPage() {
  return (
    <StaffCommunityPage title={TITLE} intro="社区某一天不开门（社区活动、停电等）：设好后居民就约不了这一天。法定节假日不用在这里设。">
      {(community) => <Closures key={community.code} community={community} />}
    </StaffCommunityPage>
  );
}
