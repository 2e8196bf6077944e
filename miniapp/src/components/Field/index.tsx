import { View, Text, Input } from '@tarojs/components';
import styles from './index.module.scss';

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
}

export function Field({ label, value, onChange, onBlur, placeholder, type = 'text', password, maxlength = 140, hint, error, name }: FieldProps) {
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
        {...({ 'aria-label': label, 'aria-invalid': error ? 'true' : 'false' } as object)}
      />
      {error ? (
        <Text className={styles.error} {...({ role: 'alert' } as object)}>
          ✗ {error}
        </Text>
      ) : hint ? (
        <Text className={styles.hint}>{hint}</Text>
      ) : null}
    </View>
  );
}
