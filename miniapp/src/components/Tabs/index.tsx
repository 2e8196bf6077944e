import { View, Text } from '@tarojs/components';
import styles from './index.module.scss';
import { a11y } from '../a11y';

export interface TabOption<V extends string> {
  value: V;
  label: string;
}

/** two or three big tabs; the chosen one is marked in words (已选) too, not only by colour */
export function Tabs<V extends string>({ label, options, value, onChange }: { label: string; options: readonly TabOption<V>[]; value: V; onChange: (v: V) => void }) {
  return (
    <View className={styles.tabs} {...a11y('tablist', { label: label })}>
      {options.map((o) => {
        const on = o.value === value;
        return (
          <View
            key={o.value}
            className={`${styles.tab}${on ? ` ${styles.on}` : ''}`}
            onClick={() => onChange(o.value)}
            {...a11y('tab', { selected: on, label: o.label })}
          >
            <Text className={styles.text}>{o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
