// the notice-board PDF: decoding, a safe file name, and handing it to the platform (weapp path with a fake Taro)
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { NoticeBoardView } from '@jianban/shared';

const written: Array<{ filePath: string; data: string; encoding: string }> = [];
const opened: Array<{ filePath: string; fileType: string }> = [];
let writeFails = false;

jest.mock('@tarojs/taro', () => {
  const Taro = {
    env: { USER_DATA_PATH: 'wxfile://usr' },
    getFileSystemManager: () => ({
      writeFile: (o: { filePath: string; data: string; encoding: string; success: () => void; fail: (e: unknown) => void }) => {
        if (writeFails) return o.fail({ errMsg: 'writeFile:fail the maximum size of the file storage limit is exceeded' });
        written.push({ filePath: o.filePath, data: o.data, encoding: o.encoding });
        o.success();
      },
    }),
    openDocument: async (o: { filePath: string; fileType: string }) => {
      opened.push(o);
      return { errMsg: 'openDocument:ok' };
    },
  };
  return { __esModule: true, default: Taro, ...Taro };
});

// after the mock: the module reads Taro when loaded
const load = () => import('../src/features/catalog/notice-board');

const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n').toString('base64');
const board: NoticeBoardView = {
  fileName: '梅村社区-公示牌.pdf',
  contentType: 'application/pdf',
  base64: pdf,
  sizeBytes: 16,
  pageCount: 2,
  itemCount: 38,
  catalogVersion: 4,
  generatedAt: '2026-11-27T03:00:00.000Z',
};

afterEach(() => {
  written.length = 0;
  opened.length = 0;
  writeFails = false;
  Reflect.deleteProperty(process.env, 'TARO_ENV');
});

describe('notice-board file', () => {
  it('decodes the PDF bytes from base64', async () => {
    const { base64ToBytes } = await load();
    const bytes = base64ToBytes(pdf);
    expect(Buffer.from(bytes).toString('latin1').startsWith('%PDF-1.4')).toBe(true);
    expect(bytes.length).toBe(Buffer.from(pdf, 'base64').length);
  });

  it('keeps the file name safe on every system', async () => {
    const { safeFileName } = await load();
    expect(safeFileName('梅村社区-公示牌.pdf')).toBe('梅村社区-公示牌.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd.pdf');
    expect(safeFileName('a<b>:c?.PDF')).toBe('abc.PDF');
    expect(safeFileName('   ')).toBe('公示牌.pdf');
  });

  it('weapp: writes the PDF into the user data folder and opens it', async () => {
    process.env.TARO_ENV = 'weapp';
    const { deliverNoticeBoard } = await load();
    await expect(deliverNoticeBoard({ ...board, fileName: '../梅村社区-公示牌.pdf' })).resolves.toBe('梅村社区-公示牌.pdf');
    expect(written).toEqual([{ filePath: 'wxfile://usr/梅村社区-公示牌.pdf', data: pdf, encoding: 'base64' }]);
    expect(opened).toEqual([expect.objectContaining({ filePath: 'wxfile://usr/梅村社区-公示牌.pdf', fileType: 'pdf' })]);
  });

  it('weapp: a failed write rejects and opens nothing', async () => {
    process.env.TARO_ENV = 'weapp';
    writeFails = true;
    const { deliverNoticeBoard } = await load();
    await expect(deliverNoticeBoard(board)).rejects.toEqual(expect.objectContaining({ errMsg: expect.stringContaining('fail') }));
    expect(opened).toEqual([]);
  });
});
