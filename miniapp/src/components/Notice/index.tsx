import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import styles from './index.module.scss';
import { a11y } from '../a11y';

/** an inline message in the page flow (no pop-ups, no toasts) */
export function Notice({ tone = 'info', title, children }: { tone?: 'info' | 'error' | 'success' | 'soon'; title?: string; children?: ReactNode }) {
  return (
    <View className={`${styles.notice} ${styles[tone]}`} {...a11y(tone === 'error' ? 'alert' : 'status')}>
      {title ? <Text className={styles.title}>{title}</Text> : null}
      {children ? <Text className={styles.body}>{children}</Text> : null}
    </View>
  );
}
