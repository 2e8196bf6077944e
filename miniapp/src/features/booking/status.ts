import type { BookingStatus } from '@jianban/shared';

/** what a status means for the resident, in one plain sentence */
export const RESIDENT_STATUS_EXPLAIN: Record<BookingStatus, string> = {
  pending: '已提交，等社区确认。确认后会在“消息”里告诉您。',
  confirmed: '社区已确认。请按时到社区，把下面的预约码给工作人员看。',
  checked_in: '已到场签到，正在办理。',
  done: '已经办完了。',
  rejected: '社区没有通过这个预约，原因写在下面。可以重新预约。',
  cancelled: '这个预约已取消。',
  no_show: '这次没有到场。',
};

/** the statuses in which the pass (QR code) is worth showing */
export function showsPass(status: BookingStatus): boolean {
  return status === 'pending' || status === 'confirmed' || status === 'checked_in';
}
