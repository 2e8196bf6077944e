// a workbook from the server (base64 in JSON) saved on the first click: H5 starts the download at once (and keeps a
// link for a second copy), WeChat opens it in its document viewer
import { routeRefs, type LedgerXlsxView } from '@jianban/shared';
import { call } from '../../services/http';
import { blobUrlOf, openInWechat } from '../booking/export-file';

export async function saveWorkbook(view: LedgerXlsxView): Promise<string | null> {
  if (process.env.TARO_ENV === 'weapp') {
    await openInWechat(view);
    return null;
  }
  const url = blobUrlOf(view);
  const a = document.createElement('a');
  a.href = url;
  a.download = view.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return url;
}

/** a chosen file → base64 for the JSON upload (H5 staff console) */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((ok, fail) => {
    const reader = new FileReader();
    reader.onload = () => {
      const s = String(reader.result ?? '');
      ok(s.slice(s.indexOf(',') + 1));
    };
    reader.onerror = () => fail(reader.error);
    reader.readAsDataURL(file);
  });
}

/** the month's payment roster (closed months only; the server audits every export) */
export function fetchRoster(month: string): Promise<LedgerXlsxView> {
  return call(routeRefs.exportPaymentRoster, {}, { month });
}

/** the district figures as a workbook */
export function fetchFiguresWorkbook(from: string, to: string): Promise<LedgerXlsxView> {
  return call(routeRefs.exportDistrictPayFigures, { from, to });
}
