// build-time settings from .env.* (only TARO_APP_* variables reach the code)
export const API_BASE: string =
  process.env.TARO_ENV === 'h5'
    ? process.env.TARO_APP_API || '/api'
    : process.env.TARO_APP_WEAPP_API || 'http://127.0.0.1:3000/api';

export const PARSE_OUTPUT: boolean = process.env.TARO_APP_PARSE_OUTPUT === '1';
