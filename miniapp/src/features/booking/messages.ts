import type { MessageOverrides } from '../errors/messages';

/** what a code means at 确认预约, where the general message would be vague */
export const BOOKING_CREATE_MESSAGES: MessageOverrides = {
  CONFLICT: '这个时间刚刚有了变化，请回去换一个时间',
};
