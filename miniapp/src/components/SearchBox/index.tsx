import { View, Text, Input } from '@tarojs/components';
import styles from './index.module.scss';
import { a11y, inputA11y } from '../a11y';

export interface SearchBoxProps {
  /** the question above the box, e.g. 想开什么证明？ */
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** the keyboard's 搜索 key or the 查一查 button */
  onSearch: (value: string) => void;
  placeholder?: string;
  /** one plain line under the question, e.g. 问一句就行 */
  hint?: string;
  buttonText?: string;
  maxlength?: number;
}

/** one big search box with its own big button (the keyboard's 搜索 key works too) */
export function SearchBox({ label, value, onChange, onSearch, placeholder, hint, buttonText = '查一查', maxlength = 100 }: SearchBoxProps) {
  return (
    <View className={styles.box} {...a11y('search')}>
      <Text className={styles.label}>{label}</Text>
      {hint ? <Text className={styles.hint}>{hint}</Text> : null}
      <View className={styles.row}>
        <Input
          className={styles.input}
          value={value}
          type="text"
          confirmType="search"
          maxlength={maxlength}
          placeholder={placeholder}
          placeholderClass={styles.placeholder}
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={(e) => onSearch(e.detail.value)}
          {...inputA11y(label)}
        />
      </View>
      <View
        className={styles.button}
        hoverClass={styles.pressed}
        onClick={() => onSearch(value)}
        {...a11y('button', { label: buttonText })}
      >
        <Text className={styles.buttonText}>{buttonText}</Text>
      </View>
    </View>
  );
}
