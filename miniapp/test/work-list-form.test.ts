import { describe, expect, it } from '@jest/globals';
import { linesOf, workListProblems } from '../src/features/catalog/work-list-form';

describe('work-list editor form', () => {
  it('turns typed lines into entries, dropping blanks and the numbering people paste from documents', () => {
    expect(linesOf('1. 党的建设\n\n2、社区治理\n· 居民自治\n  - 平安建设  \n３．不算编号的全角数字')).toEqual(['党的建设', '社区治理', '居民自治', '平安建设', '３．不算编号的全角数字']);
  });

  it('names each problem in plain Chinese', () => {
    expect(workListProblems({ title: ' ', note: '', entries: [] })).toEqual({ title: '请写上清单名称' });
    expect(workListProblems({ title: '主责清单', note: '说'.repeat(501), entries: ['甲'] }).note).toBe('说明最多 500 个字');
    expect(workListProblems({ title: '主责清单', note: '', entries: ['甲', '乙'.repeat(301)] }).entries).toBe('第 2 项太长了（最多 300 个字）');
    expect(workListProblems({ title: '主责清单', note: '', entries: Array.from({ length: 201 }, (_, i) => `第${i}项`) }).entries).toBe('最多 200 项');
    expect(workListProblems({ title: '主责清单', note: '', entries: ['甲'] })).toEqual({});
  });
});
