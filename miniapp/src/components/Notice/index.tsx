import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import styles from './index.module.scss';

/** an inline message in the page flow (no pop-ups, no toasts) */
export function Notice({ tone = 'info', title, children }: { tone?: 'info' | 'error' | 'success' | 'soon'; title?: string; children?: ReactNode }) {
  const role = tone === 'error' ? 'alert' : 'status';
  return (
    <View className={`${styles.notice} ${styles[tone]}`} {...({ role } as object)}>
      {title ? <Text className={styles.title}>{title}</Text> : null}
      {children ? <Text className={styles.body}>{children}</Text> : null}
    </View>
  );
}
