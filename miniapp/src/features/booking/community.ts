import Taro from '@tarojs/taro';

// the community the resident last booked at (they usually go to the same centre)
const KEY = 'jb.bookingCommunity';

export function readBookingCommunity(): string | null {
  try {
    const v = Taro.getStorageSync(KEY);
    return typeof v === 'string' && /^\d{12}$/.test(v) ? v : null;
  } catch {
    return null;
  }
}

export function rememberBookingCommunity(code: string): void {
  try {
    Taro.setStorageSync(KEY, code);
  } catch {
    // not remembered: they choose again next time
  }
}
