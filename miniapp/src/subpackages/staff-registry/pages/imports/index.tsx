import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { RegistryImportUploadView, RegistryImportView } from '@jianban/shared';

type RegistryImportKind = RegistryImportView['kind'];
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { OptionGroup } from '../../../../components/OptionGroup';
import { QueryState } from '../../../../components/QueryState';
import { Cell, CellGroup } from '../../../../components/Cell';
import { messageFor } from '../../../../features/errors/messages';
import { StaffGate } from '../../../../features/allowance/components/StaffGate';
import { fileToBase64 } from '../../../../features/allowance-pay/download';
import { base64ToBytes } from '../../../../features/catalog/notice-board';
import { downloadNow } from '../../../../features/booking/export-file';
import { fetchRegistryReport, useApproveRegistryImport, useRegistryImports, useUploadRegistryImport } from '../../../../features/civil-affairs/hooks';
import { KIND_TEXT, STATUS_TEXT, countsText, importLine, shownName } from '../../../../features/civil-affairs/format';
import styles from '../../../../features/allowance-pay/components/pay.module.scss';

const KIND_OPTIONS = (['roster', 'deaths', 'moveouts'] as const).map((value) => ({ value, label: KIND_TEXT[value] }));

/** one file from public security or health: the kind, the file, then the same import as the command line */
function Upload() {
  const upload = useUploadRegistryImport();
  const list = useRegistryImports();
  const [kind, setKind] = useState<RegistryImportKind | ''>('');
  const [picked, setPicked] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<RegistryImportUploadView | null>(null);
  const send = async () => {
    if (!kind) return setError('请先选是哪一种数据');
    if (!picked) return setError('请先选择文件（.csv 或 .xlsx）');
    setError(null);
    upload.mutate({ kind, fileName: picked.name, base64: await fileToBase64(picked) }, { onSuccess: (r) => setDone(r) });
  };
  return (
    <Section title="上传数据文件">
      <OptionGroup label="是哪一种数据" columns={2} options={KIND_OPTIONS} value={kind} onChange={(v) => (setKind(v), setDone(null))} />
      <View className={styles.filePick}>
        <input
          id="registry-file"
          className={styles.fileInput}
          type="file"
          accept=".xlsx,.csv"
          aria-label="选择数据文件"
          onChange={(e) => {
            setPicked(e.currentTarget.files?.[0] ?? null);
            setDone(null);
            setError(null);
          }}
        />
        <label className={styles.fileButton} htmlFor="registry-file">选择数据文件</label>
        <Text className={styles.line}>{picked ? `已选：${shownName(picked.name)}` : '还没有选文件（公安、卫健给的表格原件，不超过10MB；更大的文件请信息科用命令行导入）'}</Text>
      </View>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {upload.isError ? <Notice tone="error" title="没有导入，数据没有任何改变">{messageFor(upload.error)}</Notice> : null}
      <Button loading={upload.isPending} onClick={() => void send()}>上传并导入</Button>
      {done ? <UploadResult done={done} now={list.data?.items.find((i) => i.id === done.import.id) ?? done.import} /> : null}
    </Section>
  );
}

/** what became of the upload (its status follows the list: a held file approved below says so here too) */
function UploadResult({ done, now }: { done: RegistryImportUploadView; now: RegistryImportView }) {
  return (
    <Notice tone={now.status === 'published' && done.issues === 0 ? 'success' : 'soon'} title={STATUS_TEXT[now.status]}>
      {`${countsText(now)}。${done.issues > 0 ? '有问题的行没有导入，请在下面的记录里下载校验报告。' : ''}${now.status === 'held' ? '这次要标记的人数超过了比例，请核对文件后在下面批准。' : ''}`}
    </Notice>
  );
}

/** the validation report, saved on the first click (the server records every download) */
function ReportButton({ item }: { item: RegistryImportView }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ name: string; url: string; count: number; truncated: boolean } | null>(null);
  useEffect(() => () => {
    if (saved) URL.revokeObjectURL(saved.url);
  }, [saved]);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const view = await fetchRegistryReport(item.id);
      const url = URL.createObjectURL(new Blob([base64ToBytes(view.base64) as BlobPart], { type: 'text/csv' }));
      downloadNow(url, view.fileName);
      setSaved({ name: view.fileName, url, count: view.issueCount, truncated: view.truncated });
    } catch (err) {
      setError(messageFor(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {error ? <Notice tone="error" title="没有下载成功">{error}</Notice> : null}
      <Button variant="secondary" small loading={busy} a11yLabel={`下载校验报告：${shownName(item.fileName)}`} onClick={() => void run()}>下载校验报告</Button>
      {saved ? (
        <View className={styles.download}>
          <Text className={styles.line}>{`已下载，${saved.count} 个问题${saved.truncated ? '（问题太多，只含前面的行；完整报告请用命令行导出）' : ''}。`}</Text>
          <a className={styles.link} href={saved.url} download={saved.name}><Text>再存一份校验报告</Text></a>
        </View>
      ) : null}
    </>
  );
}

/** a held death / move-out file: published only after a district admin has checked it (F5) */
function Approve({ item }: { item: RegistryImportView }) {
  const approve = useApproveRegistryImport();
  const [sure, setSure] = useState(false);
  return (
    <>
      <Notice tone="soon" title="已暂停，等您核实">{`这个${KIND_TEXT[item.kind]}文件要标记的人数超过了比例，可能是文件给错了。请下载校验报告、和提供数据的部门核对后再批准。`}</Notice>
      {approve.isError ? <Notice tone="error" title="没有批准">{messageFor(approve.error)}</Notice> : null}
      {sure ? (
        <>
          <Button loading={approve.isPending} onClick={() => approve.mutate(item.id, { onSuccess: () => setSure(false) })}>已核对无误，确定导入</Button>
          <Button variant="secondary" onClick={() => setSure(false)}>先不批准</Button>
        </>
      ) : (
        <Button a11yLabel={`批准导入：${shownName(item.fileName)}`} onClick={() => setSure(true)}>批准导入</Button>
      )}
    </>
  );
}

function Imports() {
  const list = useRegistryImports();
  if (!list.data) return <QueryState query={list} loading="正在读取导入记录…" errorTitle="导入记录没有读出来" />;
  if (list.data.items.length === 0) return <Notice>还没有导入过数据。</Notice>;
  return (
    <CellGroup>
      {list.data.items.map((i) => (
        <View key={i.id} className={styles.form}>
          <Cell title={`${KIND_TEXT[i.kind]} · ${shownName(i.fileName)}`} description={importLine(i)} />
          {i.status === 'held' ? <Approve item={i} /> : null}
          {i.rejectedRows > 0 || i.status === 'failed' || i.status === 'held' ? <ReportButton item={i} /> : null}
        </View>
      ))}
    </CellGroup>
  );
}

export default function StaffRegistryImportsPage() {
  return (
    <StaffGate title="户籍数据导入" roles={['district_admin']}>
      <PageShell title="户籍数据导入" intro="公安给的户籍名单、迁出记录和卫健给的死亡记录导入后，高龄津贴的核对就不用老人和家属交证明。同一个文件传两次不会重复导入。">
        <Upload />
        <Section title="导入记录">
          <Imports />
        </Section>
      </PageShell>
    </StaffGate>
  );
}
