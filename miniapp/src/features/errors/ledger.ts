import type { LedgerErrorCode } from '@jianban/shared';

type LedgerCode = (typeof LedgerErrorCode)[keyof typeof LedgerErrorCode];

// the allowance ledger (issue 12): what staff read when a month or a file does not fit
export const LEDGER_MESSAGES: Record<LedgerCode, string> = {
  LEDGER_MONTH_CLOSED: '这个月已经关账，数据不能再改。发现的错会在以后的月份补发或追缴。',
  LEDGER_MONTH_NOT_CLOSED: '这个月还没有关账。请先核算、审核并关账，再下载发放名单或导入回盘。',
  LEDGER_STATE_CONFLICT: '现在不能这样做：可能还有任务在进行，或者情况刚刚变了。请刷新后再看。',
  LEDGER_FILE_INVALID: '文件读不出来或格式不对，什么都没有导入。请用银行给的回盘表格原件，第一行是表头。',
};
