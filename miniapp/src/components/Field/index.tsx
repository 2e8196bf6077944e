import { View, Text, Input } from '@tarojs/components';
import styles from './index.module.scss';
import { a11y, inputA11y } from '../a11y';

export interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  placeholder?: string;
  type?: 'text' | 'idcard' | 'number';
  password?: boolean;
  maxlength?: number;
  /** neutral help under the field */
  hint?: string;
  /** shown as words, not only as a red border */
  error?: string;
  name?: string;
  /** Enter on a keyboard (or a USB barcode scanner, which types and presses Enter) / 完成 on a phone keyboard */
  onConfirm?: (value: string) => void;
}

export function Field({ label, value, onChange, onBlur, placeholder, type = 'text', password, maxlength = 140, hint, error, name, onConfirm }: FieldProps) {
  return (
    <View className={styles.field}>
      <Text className={styles.label}>{label}</Text>
      <Input
        className={`${styles.input}${error ? ` ${styles.invalid}` : ''}`}
        value={value}
        type={type}
        password={password}
        maxlength={maxlength}
        name={name}
        placeholder={placeholder}
        placeholderClass={styles.placeholder}
        onInput={(e) => onChange(e.detail.value)}
        onBlur={onBlur}
        onConfirm={onConfirm ? (e) => onConfirm(e.detail.value) : undefined}
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
