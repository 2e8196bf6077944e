import { View, Text } from '@tarojs/components';
import styles from './index.module.scss';
import { a11y } from '../a11y';

export interface BigChoiceProps {
  label: string;
  /** second line: e.g. 还剩 3 个名额, or why it cannot be chosen (已约满) */
  status?: string;
  /** false: shown (so the reason can be read) but not tappable */
  available?: boolean;
  selected?: boolean;
  onChoose?: () => void;
}

/** a big choice (a day, a time slot, a service): words say whether it can be chosen, not colour alone */
export function BigChoice({ label, status, available = true, selected, onChoose }: BigChoiceProps) {
  // an unavailable choice stays a (disabled) button, so it reads in place among the others with its reason
  const attrs = available
    ? a11y('button', { label: status ? `${label}，${status}` : label, pressed: Boolean(selected) })
    : a11y('button', { label: status ? `${label}，${status}，不能选` : `${label}，不能选`, disabled: true });
  return (
    <View
      className={`${styles.choice}${available ? '' : ` ${styles.off}`}${selected ? ` ${styles.selected}` : ''}`}
      hoverClass={available ? styles.pressed : 'none'}
      onClick={available ? onChoose : undefined}
      {...attrs}
    >
      <View className={styles.main}>
        <Text className={styles.label}>{label}</Text>
        {status ? <Text className={styles.status}>{status}</Text> : null}
      </View>
      {selected ? <Text className={styles.mark}>已选</Text> : available ? <Text className={styles.arrow} aria-hidden>›</Text> : null}
    </View>
  );
}
