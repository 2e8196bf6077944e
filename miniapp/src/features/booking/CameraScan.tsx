// The weapp has WeChat's own scanner (Taro.scanCode); the PC camera scanner is H5 only (CameraScan.h5.tsx, picked by
// Taro's per-platform file resolution), so nothing of it reaches the weapp's packages.
export function CameraScan(_props: { onCode: (text: string) => void; busy?: boolean }): null {
  return null;
}
