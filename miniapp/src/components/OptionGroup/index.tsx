import { View, Text } from '@tarojs/components';
import { useSession } from '../../services/session';
import styles from './index.module.scss';
import { a11y } from '../a11y';

export interface Option<V extends string> {
  value: V;
  label: string;
}

/**
 * an always-visible single choice (no pop-up picker): big rows, the chosen one marked with a ✓ and the word 已选.
 * `columns={2}` puts short options side by side; in 长辈模式 every option gets the full width.
 */
export function OptionGroup<V extends string>({
  label,
  options,
  value,
  onChange,
  error,
  columns = 1,
}: {
  label: string;
  options: readonly Option<V>[];
  value: V | '';
  onChange: (v: V) => void;
  error?: string;
  columns?: 1 | 2;
}) {
  const { elder } = useSession();
  const two = columns === 2 && !elder;
  return (
    <View className={styles.group}>
      {label ? <Text className={styles.label}>{label}</Text> : null}
      <View className={`${styles.options}${two ? ` ${styles.two}` : ''}`} {...a11y('radiogroup', { label: label })}>
        {options.map((o) => {
          const selected = o.value === value;
          return (
            <View
              key={o.value}
              className={`${styles.option}${selected ? ` ${styles.selected}` : ''}`}
              onClick={() => onChange(o.value)}
              {...a11y('radio', { checked: selected, label: o.label })}
            >
              <View className={`${styles.mark}${selected ? ` ${styles.markOn}` : ''}`} aria-hidden>
                {selected ? <Text className={styles.tick}>✓</Text> : null}
              </View>
              <Text className={styles.text}>{o.label}</Text>
              {selected ? <Text className={styles.chosen}>已选</Text> : null}
            </View>
          );
        })}
      </View>
      {error ? (
        <Text className={styles.error} {...a11y('alert')}>
          ✗ {error}
        </Text>
      ) : null}
    </View>
  );
}
