import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import styles from './index.module.scss';

export interface CellProps {
  title: ReactNode;
  description?: ReactNode;
  /** short text at the right edge, e.g. a status ("即将上线") */
  extra?: string;
  onClick?: () => void;
  /** a big entry on the home page */
  large?: boolean;
}

export function Cell({ title, description, extra, onClick, large }: CellProps) {
  const a11y = onClick ? { role: 'button', 'aria-role': 'button', tabIndex: 0 } : { role: 'listitem' };
  return (
    <View
      className={`${styles.cell}${large ? ` ${styles.large}` : ''}${onClick ? ` ${styles.clickable}` : ''}`}
      hoverClass={onClick ? styles.pressed : 'none'}
      onClick={onClick}
      {...(a11y as object)}
    >
      <View className={styles.main}>
        <Text className={styles.title}>{title}</Text>
        {description ? <Text className={styles.description}>{description}</Text> : null}
      </View>
      {extra ? <Text className={styles.extra}>{extra}</Text> : null}
      {onClick ? (
        <Text className={styles.arrow} aria-hidden>
          ›
        </Text>
      ) : null}
    </View>
  );
}

export function CellGroup({ children }: { children: ReactNode }) {
  return (
    <View className={styles.group} {...({ role: 'list' } as object)}>
      {children}
    </View>
  );
}
