// saving an exported XLSX: a download link in the browser, a file opened with openDocument in WeChat
import Taro from '@tarojs/taro';
import type { ExportView } from '@jianban/shared';
import { base64ToBytes } from '../catalog/notice-board';

/** H5: an object URL for an <a download> link (caller revokes it) */
export function blobUrlOf(file: ExportView): string {
  return URL.createObjectURL(new Blob([base64ToBytes(file.base64) as BlobPart], { type: file.contentType }));
}

/** H5: save the file at once (a click on a hidden <a download>), so one press of 导出 is enough */
export function downloadNow(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** weapp: write to the user data folder, then open it with WeChat's document viewer (can be forwarded from there) */
export async function openInWechat(file: ExportView): Promise<void> {
  const env = (globalThis as { wx?: { env?: { USER_DATA_PATH?: string } } }).wx?.env;
  const dir = env?.USER_DATA_PATH ?? '';
  const filePath = `${dir}/${file.fileName.replace(/[\\/:*?"<>|]/g, '_')}`;
  const fs = Taro.getFileSystemManager();
  await new Promise<void>((ok, fail) =>
    fs.writeFile({ filePath, data: Taro.base64ToArrayBuffer(file.base64), success: () => ok(), fail: (e) => fail(e) }),
  );
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
}
