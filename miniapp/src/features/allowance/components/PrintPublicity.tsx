import { useState } from 'react';
import { routeRefs } from '@jianban/shared';
import { Button } from '../../../components/Button';
import { Notice } from '../../../components/Notice';
import { call } from '../../../services/http';
import { ApiError } from '../../../services/api-error';
import { messageFor } from '../../errors/messages';
import { deliverNoticeBoard } from '../../catalog/notice-board';

/** the community's 公示 list as an A4 PDF for the notice board (H5: a download; weapp: opened to print or forward) */
export function PrintPublicity({ code, name }: { code: string; name: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const print = async () => {
    setResult(null);
    setBusy(true);
    try {
      const sheet = await call(routeRefs.staffPrintAllowancePublicity, {}, { code });
      const file = await deliverNoticeBoard({ ...sheet, itemCount: sheet.entryCount, catalogVersion: 0 });
      const where = process.env.TARO_ENV === 'h5' ? '已开始下载' : '已打开，可以点右上角转发或打印';
      setResult({ ok: true, text: `${file}：${where}。共${sheet.pageCount}页、${sheet.entryCount}人。` });
    } catch (err) {
      setResult({ ok: false, text: err instanceof ApiError ? messageFor(err) : '文件没有保存或打开成功，请再试一次' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {result ? <Notice tone={result.ok ? 'success' : 'error'} title={result.ok ? '公示名单已生成' : '没有生成成功'}>{result.text}</Notice> : null}
      <Button variant="secondary" loading={busy} onClick={() => void print()}>{`打印${name}的公示名单（A4 PDF）`}</Button>
    </>
  );
}
