import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { TabBar } from '../TabBar';
import { tabIndexOf } from '../TabBar/tabs';
import { useSession } from '../../services/session';
import styles from './index.module.scss';
import { a11y } from '../a11y';

/** the root of every page: carries the .elder class that scales all type */
export function PageShell({ title, intro, children }: { title?: string; intro?: string; children?: ReactNode }) {
  const { elder } = useSession();
  // the four tab pages carry the bottom tab bar: the weapp's custom tab bar, drawn here on H5 (Taro's H5 has none)
  const tab = tabIndexOf(useRouter().path);
  return (
    <View className={`jb-page${elder ? ' elder' : ''}${tab >= 0 ? ' jb-with-tabbar' : ''}`}>
      {title ? (
        <View className={styles.head}>
          <Text className={styles.title} {...a11y('heading', { level: 1 })}>
            {title}
          </Text>
          {intro ? <Text className={styles.intro}>{intro}</Text> : null}
        </View>
      ) : null}
      {children}
      {tab >= 0 && process.env.TARO_ENV === 'h5' ? <TabBar current={tab} /> : null}
    </View>
  );
}

export function Section({ title, children }: { title?: string; children?: ReactNode }) {
  return (
    <View className={styles.section}>
      {title ? (
        <Text className={styles.sectionTitle} {...a11y('heading', { level: 2 })}>
          {title}
        </Text>
      ) : null}
      {children}
    </View>
  );
}
