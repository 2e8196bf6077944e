// Reading the pass's QR code from a PC camera on H5 (issue 14 item 9). The decoder (jsQR) is loaded only when a staff
// member turns the camera on, so neither the first screen nor the check-in page grows by it.

/** what to tell staff when the camera cannot start, by the browser's error name */
export function cameraErrorText(name: string | undefined): string {
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return '浏览器没有允许使用摄像头：请点地址栏左边的图标，允许使用摄像头后再试；也可以用扫码枪或输入预约码';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return '这台电脑上没有找到摄像头：请用扫码枪或输入预约码';
    case 'NotReadableError':
    case 'AbortError':
      return '摄像头正被别的程序占用：请关掉那个程序再试，或用扫码枪、输入预约码';
    default:
      return '摄像头没有打开：请用扫码枪或输入预约码';
  }
}

export interface FrameSource {
  videoWidth: number;
  videoHeight: number;
}

/** reads one frame; the decoded text, or null when no QR code is in view */
export type FrameReader = (video: HTMLVideoElement) => string | null;

/** loads the decoder and returns a reader that draws each frame onto one reused canvas */
export async function loadFrameReader(): Promise<FrameReader> {
  const { default: jsQR } = await import(/* webpackChunkName: "qr-decoder" */ 'jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return (video) => {
    const { width, height } = frameSize(video);
    if (!ctx || width === 0 || height === 0) return null;
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    ctx.drawImage(video, 0, 0, width, height);
    const img = ctx.getImageData(0, 0, width, height);
    const found = jsQR(img.data, width, height, { inversionAttempts: 'attemptBoth' });
    return found?.data ? found.data : null;
  };
}

/** the frame scaled so its longer side is at most 640 px: enough for a pass held up to the camera, and fast */
export function frameSize(v: FrameSource, max = 640): { width: number; height: number } {
  const w = v.videoWidth;
  const h = v.videoHeight;
  if (!w || !h) return { width: 0, height: 0 };
  const k = Math.min(1, max / Math.max(w, h));
  return { width: Math.round(w * k), height: Math.round(h * k) };
}
