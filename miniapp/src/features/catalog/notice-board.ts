// the notice-board PDF arrives as base64 in JSON (the request carries the staff session header);
// H5: saved through a download link; weapp: written to the user data folder and opened
import Taro from '@tarojs/taro';
import { routeRefs, type NoticeBoardView } from '@jianban/shared';
import { call } from '../../services/http';

/** a file name that is safe on every system (the server's name, without path or odd characters) */
export function safeFileName(name: string, fallback = '公示牌.pdf'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f<>:"|?*]/g, '').trim();
  if (!clean) return fallback;
  return /\.pdf$/i.test(clean) ? clean : `${clean}.pdf`;
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function saveInBrowser(board: NoticeBoardView, fileName: string): void {
  const blob = new Blob([base64ToBytes(board.base64) as BlobPart], { type: board.contentType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // give the browser time to start the download before the object URL goes away
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function openInWeapp(board: NoticeBoardView, fileName: string): Promise<void> {
  const env = (Taro as unknown as { env?: { USER_DATA_PATH?: string } }).env;
  const filePath = `${env?.USER_DATA_PATH ?? ''}/${fileName}`;
  await new Promise<void>((ok, fail) => {
    Taro.getFileSystemManager().writeFile({ filePath, data: board.base64, encoding: 'base64', success: () => ok(), fail });
  });
  await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true });
}

/** saves (H5) or opens (weapp) the PDF; rejects when the phone could not write or open it */
export async function deliverNoticeBoard(board: NoticeBoardView): Promise<string> {
  const fileName = safeFileName(board.fileName);
  if (process.env.TARO_ENV === 'h5') saveInBrowser(board, fileName);
  else await openInWeapp(board, fileName);
  return fileName;
}

/** the community's notice-board PDF from the API */
export function fetchNoticeBoard(communityCode: string): Promise<NoticeBoardView> {
  return call(routeRefs.noticeBoard, {}, { code: communityCode });
}
