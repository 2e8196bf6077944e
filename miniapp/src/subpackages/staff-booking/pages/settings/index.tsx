import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import type { BookingSettingsView, RegionView } from '@jianban/shared';
import { Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { Tabs } from '../../../../components/Tabs';
import { ApiError } from '../../../../services/api-error';
import { messageFor } from '../../../../features/errors/messages';
import { useBookingSettings, useCanConfigureCentre, useColleagues, useUpdateBookingSettings } from '../../../../features/booking/hooks';
import { StaffCommunityPage } from '../../../../features/booking/StaffCommunityPicker';
import { WEEKDAY_TEXT } from '../../../../features/booking/format';
import {
  changedText,
  dayHoursText,
  formDayText,
  hasErrors,
  minutesText,
  NUMBER_RULES,
  noErrors,
  readWholeNumber,
  serverSettingsErrors,
  settingsChanges,
  tabWithError,
  TAB_FIELDS,
  toSettingsForm,
  WEEKDAYS,
  type CentreField,
  type NumberField,
  type PeriodForm,
  type SettingsErrors,
  type SettingsForm,
  type SettingsTab,
} from '../../../../features/booking/settings-form';
import styles from './index.module.scss';
import { a11y } from '../../../../components/a11y';
import { QueryState } from '../../../../components/QueryState';

const TITLE = '开放时间和窗口';
const NO_LEAD = 'none';
const NO_LEAD_TEXT = '不指定（超时提醒发给本社区全部工作人员）';
const PERIOD_NAME = ['第一段', '第二段', '第三段', '第四段'];

/** the community's own staff, who may be its lead (the colleagues route also lists street and district staff) */
function useLeadChoices(code: string) {
  const colleagues = useColleagues(code);
  const people = (colleagues.data?.items ?? []).filter((c) => c.role === 'community_staff');
  return { colleagues, people };
}

function leadText(leadStaffId: string | null, people: { staffId: string; name: string; post: string }[]): string {
  if (!leadStaffId) return NO_LEAD_TEXT;
  const p = people.find((c) => c.staffId === leadStaffId);
  return p ? `${p.name}（${p.post}）` : '已设负责人，但他（她）不在本社区在岗名单里';
}

function minutesHint(field: NumberField, typed: string): string | undefined {
  const n = readWholeNumber(typed);
  const r = NUMBER_RULES[field];
  if (r.unit !== '分钟' || n === null || n < 60) return undefined;
  return `就是 ${minutesText(n)}`;
}

const HINTS: Partial<Record<NumberField, string>> = {
  postCount: '每个时段最多约这么多人；改了以后，从今天起的时段都按新的人数',
  windowStartDays: '0 = 今天就能约，1 = 从明天起能约',
  windowDays: '如 14 = 最晚能约到两周以后',
  minNoticeMinutes: '离时段开始不到这么久，就不能再约这个时段',
  cutoffMinutes: '离时段开始不到这么久，居民就不能在网上取消或改时间',
  flagAfterMinutes: '预约这么久没人确认、或过了时间还没办结，就提醒负责人',
};

function NumberInput({ field, form, errors, onChange }: { field: NumberField; form: SettingsForm; errors: SettingsErrors; onChange: (f: NumberField, v: string) => void }) {
  const hint = [minutesHint(field, form[field]), HINTS[field]].filter(Boolean).join('；');
  return <Field label={NUMBER_RULES[field].label} type="number" value={form[field]} onChange={(v) => onChange(field, v)} maxlength={6} hint={hint || undefined} error={errors.fields[field]} />;
}

function DayEditor({ weekday, periods, error, onChange, onClear, onCopyToWorkdays }: {
  weekday: number;
  periods: PeriodForm[];
  error?: string;
  onChange: (i: number, end: keyof PeriodForm, v: string) => void;
  onClear: () => void;
  onCopyToWorkdays: () => void;
}) {
  return (
    <Section title={`${WEEKDAY_TEXT[weekday]}的开放时间`}>
      {periods.map((p, i) => (
        <View key={i} {...a11y('group', { label: `${WEEKDAY_TEXT[weekday]}${PERIOD_NAME[i]}` })}>
          <View className={styles.period}>
            <View className={styles.end}>
              <Field label={`${PERIOD_NAME[i]}开始`} value={p.start} onChange={(v) => onChange(i, 'start', v)} maxlength={5} placeholder="如 08:30" />
            </View>
            <View className={styles.end}>
              <Field label={`${PERIOD_NAME[i]}结束`} value={p.end} onChange={(v) => onChange(i, 'end', v)} maxlength={5} placeholder="如 12:00" />
            </View>
          </View>
        </View>
      ))}
      {error ? <Text className={styles.error} {...a11y('alert')}>{`✗ ${WEEKDAY_TEXT[weekday]}：${error}`}</Text> : null}
      <View className={styles.actions}>
        <Button variant="secondary" onClick={onCopyToWorkdays}>{`周一到周五都用${WEEKDAY_TEXT[weekday]}的时间`}</Button>
        <Button variant="secondary" onClick={onClear}>{`${WEEKDAY_TEXT[weekday]}不开门（清空两段）`}</Button>
      </View>
    </Section>
  );
}

function Editor({ code, saved }: { code: string; saved: BookingSettingsView }) {
  const [form, setForm] = useState<SettingsForm>(() => toSettingsForm(saved));
  const [tab, setTab] = useState<SettingsTab>('hours');
  const [day, setDay] = useState(1);
  const [errors, setErrors] = useState<SettingsErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  const [nothing, setNothing] = useState(false);
  const update = useUpdateBookingSettings(code);
  const { colleagues, people } = useLeadChoices(code);
  const pending = settingsChanges(saved, form).changes;
  const pendingText = changedText(pending);

  const edit = (next: SettingsForm) => {
    setForm(next);
    setDone(null);
    setNothing(false);
    update.reset();
  };
  const setNumber = (f: NumberField, v: string) => {
    edit({ ...form, [f]: v });
    setErrors((e) => ({ ...e, fields: { ...e.fields, [f]: undefined } }));
  };
  const setPeriod = (i: number, end: keyof PeriodForm, v: string) => {
    const days = form.days.map((ps, d) => (d === day - 1 ? ps.map((p, j) => (j === i ? { ...p, [end]: v } : p)) : ps));
    edit({ ...form, days });
    setErrors((e) => ({ ...e, days: { ...e.days, [day]: undefined } }));
  };
  const setCentre = (f: CentreField, v: string) => {
    edit({ ...form, [f]: v });
    setErrors((e) => ({ ...e, fields: { ...e.fields, [f]: undefined } }));
  };
  const clearDay = () => edit({ ...form, days: form.days.map((ps, d) => (d === day - 1 ? ps.map(() => ({ start: '', end: '' })) : ps)) });
  const copyToWorkdays = () => edit({ ...form, days: form.days.map((ps, d) => (d < 5 ? form.days[day - 1].map((p) => ({ ...p })) : ps)) });

  const showErrors = (e: SettingsErrors) => {
    setErrors(e);
    const t = tabWithError(e);
    if (t) setTab(t);
    const wd = WEEKDAYS.find((w) => e.days[w]);
    if (wd) setDay(wd);
  };
  const save = () => {
    setDone(null);
    setNothing(false);
    const { changes, errors: found } = settingsChanges(saved, form);
    if (hasErrors(found)) return showErrors(found);
    setErrors(noErrors());
    if (!Object.keys(changes).length && !saved.isExample) return setNothing(true);
    update.mutate(changes, {
      onSuccess: (view) => {
        setForm(toSettingsForm(view));
        setDone(changedText(changes));
      },
      onError: (err) => {
        const e = serverSettingsErrors(err, changes);
        if (hasErrors(e)) showErrors(e);
      },
    });
  };

  const tabLabel = (t: SettingsTab, text: string) => {
    const bad = (t === 'hours' && Object.values(errors.days).some(Boolean)) || TAB_FIELDS[t].some((f) => errors.fields[f]);
    return bad ? `${text}（有错）` : text;
  };
  const validationFailed = update.error instanceof ApiError && update.error.code === 'VALIDATION_FAILED';
  const leadOptions = [
    { value: NO_LEAD, label: NO_LEAD_TEXT },
    ...people.map((p) => ({ value: p.staffId, label: `${p.name}（${p.post}）` })),
    ...(form.leadStaffId && !people.some((p) => p.staffId === form.leadStaffId) && colleagues.isSuccess
      ? [{ value: form.leadStaffId, label: '现在设的负责人不在本社区在岗名单里，请重新选' }]
      : []),
  ];

  return (
    <>
      <Tabs<SettingsTab>
        label="设置哪一部分"
        options={[
          { value: 'hours', label: tabLabel('hours', '开放时间') },
          { value: 'rules', label: tabLabel('rules', '预约规则') },
          { value: 'lead', label: tabLabel('lead', '负责人') },
          { value: 'centre', label: tabLabel('centre', '地址和电话') },
        ]}
        value={tab}
        onChange={setTab}
      />
      {tab === 'hours' ? (
        <>
          <Notice>每天最多两段，中间是午休。时间用 24 小时制，如下午两点半写 14:30。一段的两格都空着就是不用；两段都空着，这天不开门。法定节假日自动不开门。</Notice>
          <OptionGroup<string>
            label="改哪一天"
            options={WEEKDAYS.map((wd) => ({ value: String(wd), label: `${formDayText(wd, form.days[wd - 1])}${errors.days[wd] ? '（有错）' : ''}` }))}
            value={String(day)}
            onChange={(v) => setDay(Number(v))}
          />
          <DayEditor weekday={day} periods={form.days[day - 1]} error={errors.days[day]} onChange={setPeriod} onClear={clearDay} onCopyToWorkdays={copyToWorkdays} />
          {errors.fields.openingHours ? <Notice tone="error" title="开放时间">{errors.fields.openingHours}</Notice> : null}
        </>
      ) : null}
      {tab === 'rules' ? (
        <Section title="预约规则">
          {TAB_FIELDS.rules.map((f) => <NumberInput key={f} field={f as NumberField} form={form} errors={errors} onChange={setNumber} />)}
        </Section>
      ) : null}
      {tab === 'lead' ? (
        <Section title="负责人和超时提醒">
          <Field
            label="岗位名称（居民看到的）"
            value={form.postTitle}
            onChange={(v) => { edit({ ...form, postTitle: v }); setErrors((e) => ({ ...e, fields: { ...e.fields, postTitle: undefined } })); }}
            maxlength={20}
            hint="居民会看到“某某某（综合服务岗）”这样的写法"
            error={errors.fields.postTitle}
          />
          <NumberInput field="flagAfterMinutes" form={form} errors={errors} onChange={setNumber} />
          {colleagues.isPending ? <Notice>正在读取本社区的工作人员…</Notice> : null}
          {colleagues.isError ? <Notice tone="error" title="工作人员名单没有读出来">{messageFor(colleagues.error)}</Notice> : null}
          <OptionGroup<string>
            label="社区负责人（超时提醒发给谁）"
            options={leadOptions}
            value={form.leadStaffId || NO_LEAD}
            onChange={(v) => { edit({ ...form, leadStaffId: v === NO_LEAD ? '' : v }); setErrors((e) => ({ ...e, fields: { ...e.fields, leadStaffId: undefined } })); }}
            error={errors.fields.leadStaffId}
          />
        </Section>
      ) : null}

      {tab === 'centre' ? (
        <Section title="服务中心的地址、电话和地图位置">
          <Notice>居民在预约确认页和预约凭证上看到这些。没填的，居民那里会写“社区还没有填写”。不要的就清空后保存。</Notice>
          <Field label="地址" value={form.centreAddress} onChange={(v) => setCentre('centreAddress', v)} maxlength={100} hint="写到门牌和楼层，如：某某路 12 号党群服务中心一楼" error={errors.fields.centreAddress} />
          <Field label="电话" type="text" value={form.centrePhone} onChange={(v) => setCentre('centrePhone', v)} maxlength={20} hint="座机带区号，如 0716-1234567；也可以填 11 位手机号" error={errors.fields.centrePhone} />
          <Field label="纬度（地图位置，可不填）" value={form.centreLatitude} onChange={(v) => setCentre('centreLatitude', v)} maxlength={14} hint="用腾讯地图或高德地图查到的坐标，如 30.352817" error={errors.fields.centreLatitude} />
          <Field label="经度（地图位置，可不填）" value={form.centreLongitude} onChange={(v) => setCentre('centreLongitude', v)} maxlength={14} hint="如 112.190436；经纬度填了，居民就能点“在地图上看”" error={errors.fields.centreLongitude} />
        </Section>
      ) : null}

      {hasErrors(errors) ? <Notice tone="error" title="没有保存">{['请按红字提示修改后再保存。', ...errors.other].join('')}</Notice> : null}
      {update.isError && (!validationFailed || !hasErrors(errors)) ? <Notice tone="error" title="没有保存">{messageFor(update.error)}</Notice> : null}
      {done !== null ? (
        <Notice tone="success" title="已保存">{`${done ? `改了：${done}。` : '已确认使用这些设置。'}居民从现在起按新的设置预约。`}</Notice>
      ) : null}
      {nothing ? <Notice>没有改动，不用保存。</Notice> : null}
      {pendingText ? <Notice tone="soon" title="还没保存">{`改了：${pendingText}。点下面的“保存修改”才生效。`}</Notice> : null}
      <Button loading={update.isPending} onClick={save}>{!pendingText && saved.isExample ? '确认使用这些设置' : '保存修改'}</Button>
    </>
  );
}

/** street reviewers: everything as text */
function ReadOnly({ code, saved }: { code: string; saved: BookingSettingsView }) {
  const { people } = useLeadChoices(code);
  const row = (key: string, value: string) => (
    <View className={styles.row} key={key}>
      <Text className={styles.key}>{key}</Text>
      <Text className={styles.value}>{value}</Text>
    </View>
  );
  const n = (f: NumberField) => {
    const v = saved[f];
    return NUMBER_RULES[f].unit === '分钟' ? minutesText(v) : `${v} ${NUMBER_RULES[f].unit}`;
  };
  return (
    <>
      <Notice>您可以查看。要修改，请本社区的工作人员或区管理员来改。</Notice>
      <Section title="开放时间">
        <View className={styles.card}>
          {WEEKDAYS.map((wd) => row(WEEKDAY_TEXT[wd], dayHoursText(saved.openingHours.find((d) => d.weekday === wd)?.periods ?? [])))}
        </View>
      </Section>
      <Section title="预约规则">
        <View className={styles.card}>{TAB_FIELDS.rules.map((f) => row(NUMBER_RULES[f as NumberField].label, n(f as NumberField)))}</View>
      </Section>
      <Section title="负责人和超时提醒">
        <View className={styles.card}>
          {row('岗位名称（居民看到的）', saved.postTitle)}
          {row(NUMBER_RULES.flagAfterMinutes.label, n('flagAfterMinutes'))}
          {row('社区负责人', leadText(saved.leadStaffId, people))}
        </View>
      </Section>
      <Section title="地址和电话">
        <View className={styles.card}>
          {row('地址', saved.centreAddress ?? '还没有填写')}
          {row('电话', saved.centrePhone ?? '还没有填写')}
          {row('地图位置', saved.centreLocation ? `纬度 ${saved.centreLocation.latitude}，经度 ${saved.centreLocation.longitude}` : '还没有填写')}
        </View>
      </Section>
    </>
  );
}

function Settings({ community }: { community: RegionView }) {
  const settings = useBookingSettings(community.code);
  const canEdit = useCanConfigureCentre();
  if (settings.isPending || settings.isError) return <QueryState query={settings} />;
  const s = settings.data;
  return (
    <>
      {s.isExample ? (
        <Notice tone="soon" title="现在用的是示例值，还没人确认过">
          {canEdit
            ? '下面是系统自带的示例（周一到周五 08:30–12:00、14:30–17:30，2 个综合服务岗），不一定是本社区的真实安排。请按实际情况改好后保存；都对的话，点最下面的“确认使用这些设置”。'
            : '这些是系统自带的示例，本社区还没有确认过。居民现在按这些预约。'}
        </Notice>
      ) : null}
      {canEdit ? <Editor code={community.code} saved={s} /> : <ReadOnly code={community.code} saved={s} />}
    </>
  );
}

export default function StaffSettingsPage() {
  return (
    <StaffCommunityPage title={TITLE} intro="居民能约哪些天、几点、每个时段几个人，都按这里的设置。">
      {(community) => <Settings key={community.code} community={community} />}
    </StaffCommunityPage>
  );
}
