import { View, Text } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { a11y } from '../../components/a11y';
import { cameraErrorText, loadFrameReader } from './camera-scan';
import styles from './CameraScan.module.scss';

const SCAN_EVERY_MS = 150;

/**
 * H5 only: shows the PC camera's picture and reads the pass's QR code from it; calls onCode once with the text and
 * turns the camera off. The camera is off until staff press the button, and off again when they leave the page.
 */
export function CameraScan({ onCode, busy }: { onCode: (text: string) => void; busy?: boolean }) {
  const [on, setOn] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    setOn(false);
  };
  useEffect(() => stop, []);

  const start = async () => {
    setError(null);
    setStarting(true);
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no camera api'), { name: 'NotFoundError' });
      const [read, media] = await Promise.all([
        loadFrameReader(),
        navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 } }, audio: false }),
      ]);
      stream.current = media;
      setOn(true);
      // the <video> appears with `on`; attach the stream on the next tick
      setTimeout(() => {
        const v = video.current;
        if (!v || !stream.current) return;
        v.srcObject = stream.current;
        void v.play().catch(() => undefined);
        timer.current = setInterval(() => {
          if (v.readyState < 2) return;
          const text = read(v);
          if (text) {
            stop();
            onCodeRef.current(text);
          }
        }, SCAN_EVERY_MS);
      }, 0);
    } catch (err) {
      stop();
      setError(cameraErrorText(err instanceof Error ? err.name : undefined));
    } finally {
      setStarting(false);
    }
  };

  return (
    <View className={styles.camera}>
      {error ? <Notice tone="error" title="摄像头没有打开">{error}</Notice> : null}
      {on ? (
        <>
          <View className={styles.frame} {...a11y('region', { label: '摄像头画面：把居民手机上的二维码对准这里' })}>
            <video ref={video} className={styles.video} muted playsInline autoPlay data-testid="camera-video" />
          </View>
          <Text className={styles.tip} {...a11y('status', { live: 'polite' })}>
            正在找二维码…请把居民手机上的二维码对准摄像头
          </Text>
          <Button variant="secondary" onClick={stop}>关闭摄像头</Button>
        </>
      ) : (
        <Button loading={starting || busy} onClick={() => void start()}>用摄像头扫码</Button>
      )}
    </View>
  );
}
