import type { RegistryImportView } from '@jianban/shared';

export const KIND_TEXT: Record<RegistryImportView['kind'], string> = { roster: '户籍名单', deaths: '死亡记录', moveouts: '迁出记录' };

export const STATUS_TEXT: Record<RegistryImportView['status'], string> = {
  staging: '正在导入',
  held: '已暂停，等待批准',
  published: '已导入',
  failed: '没有导入',
  duplicate: '同一个文件已导入过，这次没有改变任何数据',
};

const BY_TEXT: Record<RegistryImportView['by'], string> = { staff: '工作人员上传', cli: '命令行导入', seed: '演示数据', test: '测试' };

/** "2026-12-07 10:30" in Beijing time */
export function timeText(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export function countsText(i: RegistryImportView): string {
  return `共 ${i.totalRows} 行：导入 ${i.acceptedRows} 行，有问题 ${i.rejectedRows} 行`;
}

export function importLine(i: RegistryImportView): string {
  return [STATUS_TEXT[i.status], countsText(i), `${BY_TEXT[i.by]} · ${timeText(i.startedAt)}`].join('；');
}

/** the file as staff named it, without its extension (the console shows no file names with extensions) */
export const shownName = (fileName: string): string => fileName.replace(/\.(csv|xlsx|txt)$/i, '');
