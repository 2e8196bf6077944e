import type { BookingErrorCode } from '@jianban/shared';

/** plain-Chinese messages for the booking module's error codes (exhaustive) */
export const BOOKING_MESSAGES: Record<(typeof BookingErrorCode)[keyof typeof BookingErrorCode], string> = {
  SLOT_FULL: '这个时段已经约满了，请换一个时段',
  SLOT_NOT_AVAILABLE: '这个时段不能预约，请重新选择时间',
  CLOSED_DAY: '这一天服务中心不开门，请换一天',
  OUTSIDE_BOOKING_WINDOW: '这一天还不能预约，请选列表里的日期',
  MIN_NOTICE_NOT_MET: '离开始时间太近了，请选晚一点的时段',
  BOOKING_CUTOFF_PASSED: '已经过了可以取消或改约的时间，如有变化请打电话给社区',
  ALREADY_BOOKED: '这位家人已经约了这件事，不用再约。可以在“我的预约”里查看或改约',
  ACTIVE_BOOKING_LIMIT: '您现在的预约已经够多了，请先办完或取消一个再约',
  NO_SHOW_LIMIT: '最近几次预约都没有到场，暂时不能在网上预约，请直接到社区办理',
  IDEMPOTENCY_KEY_REUSED: '这次提交和刚才的不一样，请返回重新预约',
  BOOKING_STATE_CONFLICT: '这个预约的状态刚刚变了，请刷新后再看',
  PASS_CODE_NOT_FOUND: '没有找到这个预约码，请核对后重新输入',
  CHECK_IN_NOT_TODAY: '这个预约不是今天的，不能签到',
  HAND_OVER_TARGET_INVALID: '不能转交给这位同事，请重新选择',
  SERVICE_ITEM_INACTIVE: '这个事项暂时不能预约了',
  CLOSURE_EXISTS: '这一天已经设为闭馆了',
  EXPORT_TOO_LARGE: '要导出的记录太多了，请按天导出',
};
