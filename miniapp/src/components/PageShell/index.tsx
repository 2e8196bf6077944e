import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useSession } from '../../services/session';
import styles from './index.module.scss';

/** the root of every page: carries the .elder class that scales all type */
export function PageShell({ title, intro, children }: { title?: string; intro?: string; children?: ReactNode }) {
  const { elder } = useSession();
  return (
    <View className={`jb-page${elder ? ' elder' : ''}`}>
      {title ? (
        <View className={styles.head}>
          <Text className={styles.title} {...({ role: 'heading', 'aria-level': 1 } as object)}>
            {title}
          </Text>
          {intro ? <Text className={styles.intro}>{intro}</Text> : null}
        </View>
      ) : null}
      {children}
    </View>
  );
}

export function Section({ title, children }: { title?: string; children?: ReactNode }) {
  return (
    <View className={styles.section}>
      {title ? (
        <Text className={styles.sectionTitle} {...({ role: 'heading', 'aria-level': 2 } as object)}>
          {title}
        </Text>
      ) : null}
      {children}
    </View>
  );
}
