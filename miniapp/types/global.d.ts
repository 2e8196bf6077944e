/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';
declare module '*.module.scss' {
  const classes: { readonly [key: string]: string };
  export default classes;
}

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_ID?: string;
    /** API base for the H5 build (same origin as the server) */
    TARO_APP_API?: string;
    /** API base for the weapp build */
    TARO_APP_WEAPP_API?: string;
    /** '1' parses every response with route.output (development / e2e builds) */
    TARO_APP_PARSE_OUTPUT?: string;
  }
}

// webpack's DefinePlugin replaces process.env.* at build time; no @types/node in the mini-program
declare const process: { env: NodeJS.ProcessEnv };
