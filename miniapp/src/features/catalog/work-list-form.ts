import { updateWorkListInput } from '@jianban/shared';

// the work-list editor's form logic (tested without Taro); limits come from the shared schema

/** the typed lines as entries: trimmed, blank lines dropped, leading "1." / "1、" / "·" numbering removed */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:\d+\s*[.、．)）]|[·•\-－])\s*/, '').trim())
    .filter((l) => l.length > 0);
}

export function workListProblems(f: { title: string; note: string; entries: string[] }): { title?: string; note?: string; entries?: string } {
  const shape = updateWorkListInput.shape;
  const out: { title?: string; note?: string; entries?: string } = {};
  if (!shape.title.safeParse(f.title).success) out.title = f.title.trim() ? `清单名称最多 ${shape.title.maxLength ?? 40} 个字` : '请写上清单名称';
  if (f.note.trim() && !shape.note.safeParse(f.note).success) out.note = '说明最多 500 个字';
  const tooLong = f.entries.findIndex((e) => e.length > 300);
  if (tooLong >= 0) out.entries = `第 ${tooLong + 1} 项太长了（最多 300 个字）`;
  else if (!shape.entries.safeParse(f.entries).success) out.entries = '最多 200 项';
  return out;
}
