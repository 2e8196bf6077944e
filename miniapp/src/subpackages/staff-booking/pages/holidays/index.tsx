import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { formatStatutoryLines, parseStatutoryLines, shanghaiDate, type StatutoryYearView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { TextArea } from '../../../../components/TextArea';
import { StaffOnly, type StaffMe } from '../../../../features/catalog/components/StaffOnly';
import { StatutoryGapBanner } from '../../../../features/booking/StatutoryGapBanner';
import { usePublishStatutoryYear, useStatutoryGap, useStatutoryYear, useStatutoryYears } from '../../../../features/booking/hooks';
import { messageFor } from '../../../../features/errors/messages';
import styles from './index.module.scss';
import { a11y } from '../../../../components/a11y';

type Summary = Omit<StatutoryYearView, 'days'> & { holidayCount: number; makeupCount: number };

function sourceText(y: Summary | StatutoryYearView): string {
  if (y.source === 'district') return `区里录入${y.updatedByName ? `（${y.updatedByName}，${y.updatedAt ? shanghaiDate(new Date(y.updatedAt)) : ''}）` : ''}`;
  if (y.source === 'package') return '系统自带的国务院安排';
  return '还没有安排：这一年的日期居民暂时约不了';
}

/** one line per day or run of days, in words */
function readable(days: StatutoryYearView['days']): string[] {
  if (!days.length) return [];
  return formatStatutoryLines(days)
    .split('\n')
    .map((l) => l.replace(/ 休 /, '  放假  ').replace(/ 班 /, '  调休上班  '));
}

function Editor({ year, current }: { year: number; current: StatutoryYearView }) {
  const [text, setText] = useState(() => formatStatutoryLines(current.days));
  const [source, setSource] = useState(current.source === 'district' ? (current.sourceNote ?? '') : '');
  const [tried, setTried] = useState(false);
  const publish = usePublishStatutoryYear(year);
  const parsed = parseStatutoryLines(text, year);
  const sourceError = tried && !source.trim() ? '请写上依据，例如通知的名称或文号' : undefined;
  const textError = tried && !parsed.days.length && !parsed.errors.length ? '请至少写一天' : undefined;
  const save = () => {
    setTried(true);
    if (parsed.errors.length || !parsed.days.length || !source.trim()) return;
    publish.mutate({ source: source.trim(), days: parsed.days });
  };
  return (
    <Section title={`录入 ${year} 年的安排`}>
      <Notice>
        照着国务院办公厅的放假通知写，一行一条。“休”是放假，“班”是调休上班（只会是周六或周日）。保存后整年按这里的安排，所有社区立即生效。
      </Notice>
      <TextArea
        label="放假和调休上班的日子"
        value={text}
        onChange={(v) => { setText(v); publish.reset(); }}
        maxlength={3000}
        placeholder={`${year}-01-01 休 元旦\n${year}-02-10 至 ${year}-02-16 休 春节\n${year}-02-07 班 春节`}
        hint={`已读出 ${parsed.days.length} 天`}
        error={textError}
      />
      {parsed.errors.length && (tried || text.trim()) ? (
        <View className={styles.problems} {...a11y('alert')}>
          {parsed.errors.slice(0, 10).map((e) => (
            <Text key={`${e.line}-${e.message}`} className={styles.problem}>{`第 ${e.line} 行：${e.message}`}</Text>
          ))}
        </View>
      ) : null}
      <Field label="依据（通知名称或文号）" value={source} onChange={(v) => { setSource(v); publish.reset(); }} maxlength={200} placeholder="如：国务院办公厅关于部分节假日安排的通知" error={sourceError} />
      {publish.isError ? <Notice tone="error" title="没有保存">{messageFor(publish.error)}</Notice> : null}
      {publish.isSuccess ? <Notice tone="success" title="已保存，所有社区已按这个安排预约">{`${year} 年：放假 ${publish.data.days.filter((d) => d.kind === 'holiday').length} 天，调休上班 ${publish.data.days.filter((d) => d.kind === 'makeup_workday').length} 天`}</Notice> : null}
      <Button loading={publish.isPending} onClick={save}>保存并生效</Button>
    </Section>
  );
}

function Holidays({ me }: { me: StaffMe }) {
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));
  const years = useStatutoryYears();
  const [year, setYear] = useState<number | null>(null);
  const items = (years.data?.items ?? []) as Summary[];
  useEffect(() => {
    // start on the first year from now on that still lacks a schedule, else on next year
    if (year === null && items.length) setYear((items.find((y) => y.year >= thisYear && y.source === 'none') ?? items.find((y) => y.year === thisYear + 1) ?? items[items.length - 1]).year);
  }, [items, year, thisYear]);
  const detail = useStatutoryYear(year);
  // the year the banner above already names is not listed a second time
  const gapYear = useStatutoryGap().data?.gap?.year;
  const missing = items.filter((y) => y.year >= thisYear && y.source === 'none' && y.year !== gapYear);
  const canEdit = me.role === 'district_admin' && year !== null && year >= thisYear;
  return (
    <PageShell title="节假日安排" intro="居民能约哪天，要看法定节假日和调休。系统自带的安排只到它发布时已公布的年份；新一年的安排公布后，由区管理员在这里录入。">
      <StatutoryGapBanner onHolidaysPage />
      {years.isPending ? <Notice>正在读取…</Notice> : null}
      {years.isError ? <Notice tone="error" title="没有读出来">{messageFor(years.error)}</Notice> : null}
      {missing.length ? (
        <Notice tone="error" title="有年份还没有安排">{`${missing.map((y) => `${y.year} 年`).join('、')}的日期居民现在约不了。国务院公布安排后，请区管理员录入。`}</Notice>
      ) : null}
      {items.length ? (
        <OptionGroup<string>
          label="看哪一年"
          options={items.map((y) => ({ value: String(y.year), label: `${y.year} 年 · ${sourceText(y)}` }))}
          value={year === null ? '' : String(year)}
          onChange={(v) => setYear(Number(v))}
        />
      ) : null}
      {detail.isPending && year !== null ? <Notice>正在读取…</Notice> : null}
      {detail.data ? (
        <Section title={`${detail.data.year} 年 · ${sourceText(detail.data)}`}>
          {detail.data.sourceNote ? <Text className={styles.note}>{`依据：${detail.data.sourceNote}`}</Text> : null}
          {detail.data.days.length ? (
            <View className={styles.days} {...a11y('list', { label: `${detail.data.year} 年的放假和调休` })}>
              {readable(detail.data.days).map((line) => (
                <Text key={line} className={styles.day} {...a11y('listitem')}>{line}</Text>
              ))}
            </View>
          ) : (
            <Notice>{detail.data.source === 'none' ? '这一年还没有安排。' : '这一年没有放假或调休的日子。'}</Notice>
          )}
        </Section>
      ) : null}
      {canEdit && detail.data ? <Editor key={detail.data.year} year={detail.data.year} current={detail.data} /> : null}
      {!canEdit && me.role !== 'district_admin' ? <Notice>只有区管理员可以录入或修改安排。</Notice> : null}
    </PageShell>
  );
}

export default function StaffHolidaysPage() {
  return <StaffOnly title="节假日安排">{(me) => <Holidays me={me} />}</StaffOnly>;
}
