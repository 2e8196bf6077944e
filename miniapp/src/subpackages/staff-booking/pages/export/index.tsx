import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { exportQuery, shanghaiDate, type ExportQuery, type ExportView } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { exportBookings } from '../../../../features/booking/staff-calls';
import { messageFor } from '../../../../features/errors/messages';
import { useStaffCommunity } from '../../../../features/booking/staff-community';
import { StaffCommunityPicker } from '../../../../features/booking/StaffCommunityPicker';
import { blobUrlOf, downloadNow, openInWechat } from '../../../../features/booking/export-file';
import { addDays } from '../../../../features/booking/staff';
import styles from './index.module.scss';

type Span = 'today' | 'yesterday' | 'month' | 'last_month' | 'range';

function lastMonth(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export default function StaffExportPage() {
  const { community, choices, loading, pick, isStaff } = useStaffCommunity();
  const today = shanghaiDate(new Date());
  const [span, setSpan] = useState<Span>('today');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [file, setFile] = useState<{ view: ExportView; url: string | null } | null>(null);
  const [from, setFrom] = useState(() => addDays(today, -6));
  const [to, setTo] = useState(today);
  const [rangeErrors, setRangeErrors] = useState<{ from?: string; to?: string }>({});
  useEffect(() => () => {
    if (file?.url) URL.revokeObjectURL(file.url);
  }, [file]);

  const query = (): ExportQuery =>
    span === 'today' ? { date: today } : span === 'yesterday' ? { date: addDays(today, -1) } : span === 'month' ? { month: today.slice(0, 7) } : span === 'range' ? { from: from.trim(), to: to.trim() } : { month: lastMonth(today) };

  const run = async () => {
    if (!community) return;
    const parsed = exportQuery.safeParse(query());
    if (!parsed.success) {
      const byField: { from?: string; to?: string } = {};
      for (const i of parsed.error.issues) {
        const k = i.path[0] === 'to' ? 'to' : 'from';
        byField[k] ??= i.message;
      }
      setRangeErrors(byField);
      return;
    }
    setRangeErrors({});
    setBusy(true);
    setError(null);
    setFile(null);
    try {
      const view = await exportBookings(community.code, parsed.data);
      if (process.env.TARO_ENV === 'weapp') {
        await openInWechat(view);
        setFile({ view, url: null });
      } else {
        // the file downloads on this click; the link below stays for saving it again
        const url = blobUrlOf(view);
        downloadNow(url, view.fileName);
        setFile({ view, url });
      }
    } catch (err) {
      setError(messageFor(err, { INTERNAL_ERROR: '表格没有打开，请稍后再试' }));
    } finally {
      setBusy(false);
    }
  };

  if (!isStaff) return <PageShell title="导出预约"><Notice tone="error" title="只有工作人员能用">请先用“工作人员登录”。</Notice></PageShell>;
  if (!community) return <PageShell title="导出预约"><StaffCommunityPicker choices={choices} loading={loading} onPick={pick} /></PageShell>;
  return (
    <PageShell title={`导出预约 · ${community.name}`} intro="导出成 Excel 表格（.xlsx），可以打印或转发。">
      <OptionGroup<Span>
        label="导出哪段时间"
        options={[
          { value: 'today', label: `今天（${today}）` },
          { value: 'yesterday', label: '昨天' },
          { value: 'month', label: `本月（${today.slice(0, 7)}）` },
          { value: 'last_month', label: `上个月（${lastMonth(today)}）` },
          { value: 'range', label: '选择起止日期' },
        ]}
        value={span}
        onChange={(v) => { setSpan(v); setFile(null); setRangeErrors({}); }}
      />
      {span === 'range' ? (
        <>
          <Field label="从哪天（含这天）" value={from} onChange={(v) => { setFrom(v); setRangeErrors({}); setFile(null); }} onConfirm={() => void run()} maxlength={10} hint="例如 2026-11-01" error={rangeErrors.from} />
          <Field label="到哪天（含这天）" value={to} onChange={(v) => { setTo(v); setRangeErrors({}); setFile(null); }} onConfirm={() => void run()} maxlength={10} hint="一次最多一年" error={rangeErrors.to} />
        </>
      ) : null}
      {error ? <Notice tone="error" title="没有导出成功">{error}</Notice> : null}
      <Button loading={busy} onClick={() => void run()}>导出</Button>
      {file ? (
        <Notice tone="success" title={`已导出 ${file.view.rows} 条`}>{file.view.fileName}</Notice>
      ) : null}
      {file?.url ? (
        <View className={styles.download}>
          <a className={styles.link} href={file.url} download={file.view.fileName}>
            <Text>{`没有自动下载？点这里：${file.view.fileName}`}</Text>
          </a>
        </View>
      ) : null}
    </PageShell>
  );
}
