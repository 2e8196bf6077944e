import { View, Text } from '@tarojs/components';
import { createContext, useContext, type ReactNode } from 'react';
import styles from './index.module.scss';
import { a11y } from '../a11y';

export interface CellProps {
  title: ReactNode;
  description?: ReactNode;
  /** short text at the right edge, e.g. a status ("即将上线") */
  extra?: string;
  onClick?: () => void;
  /** a big entry on the home page */
  large?: boolean;
}

// a Cell inside a CellGroup is an item of that list: a tappable one is a button wrapped in a list item
// (a list may only contain list items — axe: aria-required-children)
const InList = createContext(false);

export function Cell({ title, description, extra, onClick, large }: CellProps) {
  const inList = useContext(InList);
  const row = (
    <View
      className={`${styles.cell}${large ? ` ${styles.large}` : ''}${onClick ? ` ${styles.clickable}` : ''}`}
      hoverClass={onClick ? styles.pressed : 'none'}
      onClick={onClick}
      {...(onClick ? a11y('button') : inList ? a11y('listitem') : {})}
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
  return onClick && inList ? (
    <View className={styles.item} {...a11y('listitem')}>
      {row}
    </View>
  ) : (
    row
  );
}

export function CellGroup({ children }: { children: ReactNode }) {
  return (
    <View className={styles.group} {...a11y('list')}>
      <InList.Provider value={true}>{children}</InList.Provider>
    </View>
  );
}
