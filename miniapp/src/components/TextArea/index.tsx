import { View, Text, Textarea } from '@tarojs/components';
import styles from './index.module.scss';
import { a11y, inputA11y } from '../a11y';

export interface TextAreaProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxlength?: number;
  /** neutral help under the box */
  hint?: string;
  /** shown as words, not only as a red border */
  error?: string;
}

/** a multi-line answer (a note, one entry per line); grows with its text */
export function TextArea({ label, value, onChange, placeholder, maxlength = 500, hint, error }: TextAreaProps) {
  return (
    <View className={styles.field}>
      <Text className={styles.label}>{label}</Text>
      <Textarea
        className={`${styles.input}${error ? ` ${styles.invalid}` : ''}`}
        value={value}
        maxlength={maxlength}
        autoHeight
        placeholder={placeholder}
        placeholderClass={styles.placeholder}
        onInput={(e) => onChange(e.detail.value)}
        {...inputA11y(label, Boolean(error))}
      />
      {error ? (
        <Text className={styles.error} {...a11y('alert')}>
          ✗ {error}
        </Text>
      ) : hint ? (
        <Text className={styles.hint}>{hint}</Text>
      ) : null}
    </View>
  );
}
