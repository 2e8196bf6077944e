import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { PaymentRollReportView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Cell, CellGroup } from '../../../../components/Cell';
import { useImportPaymentRoll } from '../../../../features/allowance-pay/hooks';
import { messageFor } from '../../../../features/errors/messages';
import { StaffGate } from '../../../../features/allowance/components/StaffGate';
import { fileToBase64 } from '../../../../features/allowance-pay/download';
import { InfoRows } from '../../../../features/allowance-pay/components/InfoRows';
import styles from '../../../../features/allowance-pay/components/pay.module.scss';

/** the rows that were not imported or need a look, as a table staff can pass on (UTF-8 with BOM: Excel opens it in Chinese) */
export function issuesCsv(report: PaymentRollReportView): string {
  const cell = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  const lines = [['行号', '列', '问题'], ...report.issues.map((i) => [i.rowNo, i.column, i.text])];
  return `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}

function reportName(report: PaymentRollReportView): string {
  return `在册名单导入问题-${report.fileName.replace(/\.[^.]+$/, '')}.csv`;
}

/** H5: the report is saved on the first click (a hidden <a download>); a link stays for a second copy */
function IssuesDownload({ report }: { report: PaymentRollReportView }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  const save = () => {
    const u = url ?? URL.createObjectURL(new Blob([issuesCsv(report)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = u;
    a.download = reportName(report);
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setUrl(u);
  };
  return (
    <>
      <Button variant="secondary" onClick={save}>{`下载问题清单（${report.issues.length}行）`}</Button>
      {url ? (
        <View className={styles.download}>
          <a className={styles.link} href={url} download={reportName(report)}><Text>{`已下载。再存一份：${reportName(report)}`}</Text></a>
        </View>
      ) : null}
    </>
  );
}

function Report({ report }: { report: PaymentRollReportView }) {
  const rows: [string, string][] = [
    ['文件', report.fileName],
    ['文件里的人数', `${report.rows}人`],
    ['新导入', `${report.imported}人（下个月起由简办发放）`],
    ['已在名单上', `${report.unchanged}人（没有改动）`],
    ['与户籍库不一致', `${report.mismatches}人`],
  ];
  return (
    <Section title="导入结果">
      <Notice tone={report.issues.length > 0 ? 'soon' : 'success'} title="导入完成">
        {report.issues.length > 0 ? `有${report.issues.length}行需要处理，见下面的清单；其余的已导入。` : '每一行都已导入，没有问题。'}
      </Notice>
      <InfoRows rows={rows} />
      {report.issues.length > 0 ? (
        <>
          <CellGroup>
            {report.issues.map((i) => (
              <Cell key={`${i.rowNo}-${i.column}-${i.reason}`} title={`第${i.rowNo}行 · ${i.column}`} description={i.text} />
            ))}
          </CellGroup>
          <IssuesDownload report={report} />
        </>
      ) : null}
    </Section>
  );
}

function RollImport() {
  const upload = useImportPaymentRoll();
  const [picked, setPicked] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<PaymentRollReportView | null>(null);
  const send = async () => {
    if (!picked) return setError('请先选择在册名单文件（.xlsx 或 .csv）');
    setError(null);
    const base64 = await fileToBase64(picked);
    upload.mutate({ fileName: picked.name, base64 }, { onSuccess: (r) => setReport(r) });
  };
  return (
    <PageShell title="导入在册名单" intro="已经在领高龄津贴的老人（简办上线前的名单）导入后，下个月起由简办发放，不用家属再申请，也不会打扰家属。">
      <Section title="选择文件">
        <Notice>表格要有这几列：姓名、身份证号、收款账号；可以有：账户类型、开户行。每一行都会和户籍库核对，去世、迁出、查不到的人不会导入。</Notice>
        <View className={styles.filePick}>
          <input
            id="payment-roll-file"
            className={styles.fileInput}
            type="file"
            accept=".xlsx,.csv"
            aria-label="选择在册名单文件"
            onChange={(e) => {
              setPicked(e.currentTarget.files?.[0] ?? null);
              setReport(null);
              setError(null);
            }}
          />
          <label className={styles.fileButton} htmlFor="payment-roll-file">选择在册名单文件</label>
          <Text className={styles.line}>{picked ? `已选：${picked.name}` : '还没有选文件（Excel 或 CSV，不超过5MB）'}</Text>
        </View>
        {error ? <Notice tone="error">{error}</Notice> : null}
        {upload.isError ? <Notice tone="error" title="没有导入">{messageFor(upload.error)}</Notice> : null}
        <Button loading={upload.isPending} onClick={() => void send()}>导入在册名单</Button>
      </Section>
      {report ? <Report report={report} /> : null}
    </PageShell>
  );
}

export default function StaffPayRollPage() {
  return (
    <StaffGate title="导入在册名单" roles={['district_admin']}>
      <RollImport />
    </StaffGate>
  );
}
