import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { shanghaiDate, type DistrictFiguresView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { QueryState } from '../../../../components/QueryState';
import { messageFor } from '../../../../features/errors/messages';
import { StaffGate } from '../../../../features/allowance/components/StaffGate';
import { useDistrictFigures } from '../../../../features/allowance-pay/hooks';
import { fetchFiguresWorkbook, saveWorkbook } from '../../../../features/allowance-pay/download';
import { monthText, recentMonths, yuanText } from '../../../../features/allowance-pay/format';
import styles from '../../../../features/allowance-pay/components/pay.module.scss';

/** a plain HTML table (the staff console is the H5 build): header cells are real <th>, so screen readers read columns */
function Table({ label, head, rows }: { label: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <View className={styles.tableWrap}>
      <table className={styles.table} aria-label={label}>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className={styles.th}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${label}-${i}`}>
              {r.map((c, j) => (
                <td key={`${i}-${j}`} className={styles.td}>{String(c)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </View>
  );
}

function Figures({ f }: { f: DistrictFiguresView }) {
  return (
    <>
      {f.isDefaultPolicy ? <Notice tone="soon" title="金额按默认标准计算">各档次每月金额是内置的默认值，还没有经荆州区确认。请在“档次和金额”里确认。</Notice> : null}
      <Section title="领取人数（按档次，今天）">
        <Table label="按档次" head={['档次', '领取人数', '每月标准']} rows={f.byBracket.map((b) => [b.bracketLabel, b.recipients, yuanText(b.monthlyCny)])} />
      </Section>
      <Section title="按社区">
        {f.byCommunity.length === 0 ? <Notice>还没有领取人。</Notice> : (
          <Table label="按社区" head={['社区', '领取人数', '暂停/停发', '期间应发']} rows={f.byCommunity.map((c) => [c.communityName, c.recipients, c.suspended, yuanText(c.amountCny)])} />
        )}
      </Section>
      <Section title="按月">
        <Table
          label="按月"
          head={['月份', '人数', '应发', '已发', '发放失败', '补发', '暂停', '追缴', '已追回']}
          rows={f.months.map((m) => [monthText(m.month), m.recipients, yuanText(m.amountCny), yuanText(m.paidCny), yuanText(m.failedCny), yuanText(m.backPayCny), m.suspensions, yuanText(m.recoveriesCny), yuanText(m.recoveredCny)])}
        />
      </Section>
    </>
  );
}

function FiguresDesk() {
  const current = shanghaiDate(new Date()).slice(0, 7);
  const [from, setFrom] = useState(recentMonths(current, 6)[5]);
  const [to, setTo] = useState(current);
  const valid = /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to) && from <= to;
  const q = useDistrictFigures(valid ? from : '', valid ? to : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      setUrl(await saveWorkbook(await fetchFiguresWorkbook(from, to)));
    } catch (err) {
      setError(messageFor(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PageShell title="高龄津贴：发放统计" intro="领取人按档次、按社区；每月应发、已发、失败、补发、暂停和追缴。">
      <View className={styles.inline}>
        <Field label="从（年-月）" value={from} maxlength={7} onChange={setFrom} error={/^\d{4}-\d{2}$/.test(from) ? undefined : '请写成 2026-01 这样'} />
        <Field label="到（年-月）" value={to} maxlength={7} onChange={setTo} error={!/^\d{4}-\d{2}$/.test(to) ? '请写成 2026-06 这样' : from > to ? '结束月份不能早于开始月份' : undefined} />
      </View>
      {error ? <Notice tone="error" title="没有导出">{error}</Notice> : null}
      <Button variant="secondary" disabled={!valid} loading={busy} onClick={() => void download()}>导出统计表（Excel）</Button>
      {q.data ? <Figures f={q.data} /> : valid ? <QueryState query={q} loading="正在统计…" errorTitle="统计没有读出来" /> : null}
    </PageShell>
  );
}

export default function StaffPayFiguresPage() {
  return (
    <StaffGate title="高龄津贴：发放统计" roles={['district_admin']}>
      <FiguresDesk />
    </StaffGate>
  );
}
