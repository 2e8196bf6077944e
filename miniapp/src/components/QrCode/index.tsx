import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { encode } from 'uqr';
import { qrRuns } from './runs';
import styles from './index.module.scss';
import { a11y } from '../a11y';

/**
 * A QR code drawn with plain views (no canvas: works the same on weapp and H5, and at any font size).
 * Each row is a line of dark runs, so a 25×25 code is a few hundred views, not 625.
 */
export function QrCode({ text, label, size = 480 }: { text: string; label: string; size?: number }) {
  const rows = useMemo(() => qrRuns(encode(text, { ecc: 'M', border: 2 }).data), [text]);
  const n = rows.length || 1;
  const pct = (v: number) => `${(v * 100) / n}%`;
  const side = Taro.pxTransform(size);
  return (
    <View className={styles.qr} style={{ width: side, height: side }} {...a11y('img', { label: label })}>
      {rows.map((runs, y) => (
        <View key={y} className={styles.row} style={{ top: pct(y), height: pct(1) }}>
          {runs.map((r, i) => (
            <View key={i} className={styles.dark} style={{ left: pct(r.start), width: pct(r.length) }} />
          ))}
        </View>
      ))}
    </View>
  );
}
