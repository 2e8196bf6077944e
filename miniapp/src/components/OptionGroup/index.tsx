import { View, Text } from '@tarojs/components';
import styles from './index.module.scss';

export interface Option<V extends string> {
  value: V;
  label: string;
}

/** an always-visible single choice (no pop-up picker): big rows, the chosen one marked with a ✓ and the word 已选 */
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
  return (
    <View className={styles.group}>
      {label ? <Text className={styles.label}>{label}</Text> : null}
      <View className={`${styles.options}${columns === 2 ? ` ${styles.two}` : ''}`} {...({ role: 'radiogroup', 'aria-label': label } as object)}>
        {options.map((o) => {
          const selected = o.value === value;
          return (
            <View
              key={o.value}
              className={`${styles.option}${selected ? ` ${styles.selected}` : ''}`}
              onClick={() => onChange(o.value)}
              {...({ role: 'radio', 'aria-role': 'radio', 'aria-checked': selected ? 'true' : 'false', 'aria-label': o.label, tabIndex: 0 } as object)}
            >
              <Text className={styles.mark} aria-hidden>
                {selected ? '✓' : '○'}
              </Text>
              <Text className={styles.text}>{o.label}</Text>
              {selected ? <Text className={styles.chosen}>已选</Text> : null}
            </View>
          );
        })}
      </View>
      {error ? (
        <Text className={styles.error} {...({ role: 'alert' } as object)}>
          ✗ {error}
        </Text>
      ) : null}
    </View>
  );
}
