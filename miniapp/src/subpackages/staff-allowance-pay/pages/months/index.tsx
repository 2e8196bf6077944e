import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { shanghaiDate, type BankReturnReportView, type LedgerMonthView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { OptionGroup } from '../../../../components/OptionGroup';
import { TextArea } from '../../../../components/TextArea';
import { QueryState } from '../../../../components/QueryState';
import { Cell, CellGroup } from '../../../../components/Cell';
import { StepUpPrompt } from '../../../../components/StepUpPrompt';
import { messageFor } from '../../../../features/errors/messages';
import { StaffGate } from '../../../../features/allowance/components/StaffGate';
import { evidenceLines } from '../../../../features/allowance/evidence';
import {
  useApproveReverification,
  useCloseMonth,
  useImportBankReturn,
  useLedgerMonth,
  useLedgerMonths,
  useReverificationDecisions,
  useStartEntitlementRun,
  useStartReverification,
} from '../../../../features/allowance-pay/hooks';
import { fetchRoster, fileToBase64, saveWorkbook } from '../../../../features/allowance-pay/download';
import { nextMonth, previousMonth } from '../../../../features/allowance-pay/format';
import { bankReturnText, monthActions, monthRows, monthText, reverifyRows } from '../../../../features/allowance-pay/staff';
import { InfoRows } from '../../../../features/allowance-pay/components/InfoRows';
import styles from '../../../../features/allowance-pay/components/pay.module.scss';

/** the district closes a month after review; closed months never change again */
function CloseMonth({ month }: { month: string }) {
  const close = useCloseMonth(month);
  const [note, setNote] = useState('');
  const [sure, setSure] = useState(false);
  return (
    <Section title="审核后关账">
      <Notice tone="soon">关账后本月的数据不再改变；以后发现的错，会在以后的月份补发或追缴。</Notice>
      <TextArea label="审核说明（可以不填）" value={note} maxlength={300} onChange={setNote} />
      {close.isError ? <Notice tone="error" title="没有关账">{messageFor(close.error)}</Notice> : null}
      {sure ? (
        <>
          <Notice tone="soon" title={`确定关闭${monthText(month)}吗？`}>关账后才能下载发放名单。</Notice>
          <Button loading={close.isPending} onClick={() => close.mutate(note.trim(), { onSuccess: () => setSure(false) })}>确定关账</Button>
          <Button variant="secondary" onClick={() => setSure(false)}>先不关</Button>
        </>
      ) : (
        <Button onClick={() => setSure(true)}>关账</Button>
      )}
    </Section>
  );
}

/** the roster: one click downloads it (full ID numbers and accounts appear only in this file; every download is audited) */
function Roster({ month }: { month: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [file, setFile] = useState<{ name: string; rows: number; url: string | null } | null>(null);
  useEffect(() => () => {
    if (file?.url) URL.revokeObjectURL(file.url);
  }, [file]);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const view = await fetchRoster(month);
      setFile({ name: view.fileName, rows: view.rows, url: await saveWorkbook(view) });
    } catch (err) {
      setError(messageFor(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="发放名单">
      <Notice>名单里有完整的身份证号和账号，只交给代发银行或“一卡通”系统；每次下载都记入审计。</Notice>
      {error ? <Notice tone="error" title="没有下载成功">{error}</Notice> : null}
      <Button loading={busy} onClick={() => void run()}>下载发放名单（Excel）</Button>
      {file ? <Notice tone="success" title={`已下载 ${file.rows} 行`}>{file.name}</Notice> : null}
      {file?.url ? (
        <View className={styles.download}>
          <a className={styles.link} href={file.url} download={file.name}><Text>{`再存一份：${file.name}`}</Text></a>
        </View>
      ) : null}
    </Section>
  );
}

/** the bank's return file: each line paid or failed with the bank's reason; a bad file changes nothing */
function BankReturn({ month }: { month: string }) {
  const upload = useImportBankReturn(month);
  const [picked, setPicked] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<BankReturnReportView | null>(null);
  const send = async () => {
    if (!picked) return setError('请先选择银行的回盘文件（.xlsx 或 .csv）');
    setError(null);
    const base64 = await fileToBase64(picked);
    upload.mutate({ fileName: picked.name, base64 }, { onSuccess: (r) => setReport(r) });
  };
  return (
    <Section title="导入银行回盘">
      <View className={styles.filePick}>
        <input
          id="bank-return-file"
          className={styles.fileInput}
          type="file"
          accept=".xlsx,.csv"
          aria-label="选择银行回盘文件"
          onChange={(e) => {
            setPicked(e.currentTarget.files?.[0] ?? null);
            setReport(null);
            setError(null);
          }}
        />
        <label className={styles.fileButton} htmlFor="bank-return-file">选择银行回盘文件</label>
        <Text className={styles.line}>{picked ? `已选：${picked.name}` : '还没有选文件（银行给的表格原件，不超过5MB）'}</Text>
      </View>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {upload.isError ? <Notice tone="error" title="没有导入">{messageFor(upload.error)}</Notice> : null}
      <Button loading={upload.isPending} onClick={() => void send()}>导入回盘文件</Button>
      {report ? (
        <>
          <Notice tone={report.failed > 0 || report.bad > 0 ? 'soon' : 'success'} title="导入完成">{bankReturnText(report)}</Notice>
          {report.failed > 0 ? <Notice>发放失败的已交给所在社区跟进，也已告诉家属；账户改好后在下一次发放时补发。</Notice> : null}
          {report.issues.length > 0 ? (
            <CellGroup>
              {report.issues.map((i) => (
                <Cell key={`${i.rowNo}-${i.column}-${i.reason}`} title={`第${i.rowNo}行 · ${i.column}`} description={i.text} />
              ))}
            </CellGroup>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

function Decisions({ month }: { month: string }) {
  const [page, setPage] = useState(1);
  const list = useReverificationDecisions(month, page, true);
  if (!list.data) return <QueryState query={list} loading="正在读取复核决定…" errorTitle="复核决定没有读出来" />;
  if (list.data.total === 0) return <Notice>这次复核没有改变任何人的发放。</Notice>;
  return (
    <>
      <CellGroup>
        {list.data.items.map((d) => (
          <Cell
            key={d.id}
            title={`${d.elderName}（${d.elderIdMasked}）· ${d.kindText}`}
            description={[d.staffText, d.effectiveMonth ? `从${monthText(d.effectiveMonth)}起` : '', ...evidenceLines(d.evidence)].filter(Boolean).join('；')}
            extra={d.status === 'proposed' ? '待批准' : d.status === 'flagged' ? '待核实' : '已执行'}
          />
        ))}
      </CellGroup>
      {list.data.page * list.data.pageSize < list.data.total ? <Button variant="secondary" onClick={() => setPage(page + 1)}>下一页</Button> : null}
      {page > 1 ? <Button variant="secondary" onClick={() => setPage(page - 1)}>上一页</Button> : null}
    </>
  );
}

/** the monthly comparison with the registry; over the threshold it waits for a district admin's approval (F5) */
function Reverify({ m }: { m: LedgerMonthView }) {
  const start = useStartReverification(m.month);
  const approve = useApproveReverification(m.month);
  const [reason, setReason] = useState('');
  const [showDecisions, setShowDecisions] = useState(false);
  const r = m.reverification;
  return (
    <Section title="用户籍数据复核">
      {r ? <InfoRows rows={reverifyRows(r)} /> : <Notice>本月还没有复核。复核不需要老人和家属做任何事。</Notice>}
      {r?.status === 'held' ? (
        <>
          <Notice tone="soon" title="暂停执行，等您核实">{r.heldReason ?? '将暂停的人数超过了比例，可能是数据有误。请核实后再批准。'}</Notice>
          <TextArea label="核实情况（批准的理由）" value={reason} maxlength={300} onChange={setReason} />
          {approve.isError ? <Notice tone="error" title="没有批准">{messageFor(approve.error)}</Notice> : null}
          <Button loading={approve.isPending} disabled={!reason.trim()} onClick={() => approve.mutate(reason.trim())}>核实无误，批准执行</Button>
        </>
      ) : null}
      {start.isError ? <Notice tone="error" title="没有开始复核">{messageFor(start.error)}</Notice> : null}
      {m.status === 'open' && r?.status !== 'running' && r?.status !== 'held' ? (
        <Button variant={r ? 'secondary' : 'primary'} loading={start.isPending} onClick={() => start.mutate()}>{r ? '重新复核' : '开始复核'}</Button>
      ) : null}
      {r ? (
        showDecisions ? <Decisions month={m.month} /> : <Button variant="secondary" onClick={() => setShowDecisions(true)}>看每个人的决定和依据</Button>
      ) : null}
    </Section>
  );
}

function Month({ month }: { month: string }) {
  const q = useLedgerMonth(month);
  const run = useStartEntitlementRun(month);
  if (!q.data) return <QueryState query={q} loading="正在读取本月情况…" errorTitle="本月情况没有读出来" />;
  const m = q.data;
  const can = monthActions(m);
  return (
    <>
      <InfoRows rows={monthRows(m)} />
      {run.isError ? <Notice tone="error" title="没有开始核算">{messageFor(run.error)}</Notice> : null}
      {can.run ? (
        <Button variant={m.entitlementRun ? 'secondary' : 'primary'} loading={run.isPending} onClick={() => run.mutate()}>
          {m.entitlementRun ? '重新核算（不会多算）' : '核算本月津贴'}
        </Button>
      ) : null}
      <Reverify m={m} />
      {can.close ? <CloseMonth month={month} /> : null}
      {can.roster ? <Roster month={month} /> : null}
      {can.bankReturn ? <BankReturn month={month} /> : null}
      {m.bankReturns.length > 0 ? (
        <Section title="已导入的回盘">
          <CellGroup>
            {m.bankReturns.map((b) => (
              <Cell key={b.id} title={b.fileName} description={bankReturnText(b)} />
            ))}
          </CellGroup>
        </Section>
      ) : null}
    </>
  );
}

// the payment-roll import lives in this subpackage (not in the shared page list, which the main package bundles)
const STAFF_PAY_ROLL_PAGE = '/subpackages/staff-allowance-pay/pages/roll/index';

function Months() {
  const months = useLedgerMonths();
  const current = shanghaiDate(new Date()).slice(0, 7);
  const asked = Taro.getCurrentInstance().router?.params?.month;
  const [month, setMonth] = useState(asked && /^\d{4}-\d{2}$/.test(asked) ? asked : current);
  const known = new Set([nextMonth(current), current, previousMonth(current), ...(months.data?.items.map((m) => m.month) ?? [])]);
  const options = [...known].sort().reverse().slice(0, 12).map((v) => {
    const m = months.data?.items.find((x) => x.month === v);
    return { value: v, label: `${monthText(v)}${m ? (m.status === 'closed' ? '（已关账）' : '（未关账）') : ''}` };
  });
  return (
    <PageShell title="高龄津贴：每月发放" intro="每月：核算 → 复核 → 关账 → 下载发放名单交银行 → 导入银行回盘。">
      <OptionGroup label="哪个月" columns={2} options={options} value={month} onChange={setMonth} />
      <Month month={month} />
      <Section title="在册名单">
        <Text className={styles.line}>简办上线前已经在领津贴的老人，导入名单后由简办接着发放。</Text>
        <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: STAFF_PAY_ROLL_PAGE })}>导入在册名单</Button>
      </Section>
      {/* the roster carries full ID numbers and accounts: the server asks for the password again first */}
      <StepUpPrompt />
    </PageShell>
  );
}

export default function StaffPayMonthsPage() {
  return (
    <StaffGate title="高龄津贴：每月发放" roles={['district_admin']}>
      <Months />
    </StaffGate>
  );
}
