import { View, Text } from '@tarojs/components';
import styles from './index.module.scss';
import { a11y } from '../a11y';

/** one large on/off row (长辈模式, a consent): the title is also what a screen reader hears */
export function SwitchRow({ title, desc, checked, stateText, onToggle }: { title: string; desc: string; checked: boolean; stateText: string; onToggle: () => void }) {
  return (
    <View className={styles.row} onClick={onToggle} {...a11y('switch', { checked, label: title })}>
      <View className={styles.main}>
        <Text className={styles.title}>{title}</Text>
        <Text className={styles.desc}>{desc}</Text>
      </View>
      <View className={`${styles.toggle}${checked ? ` ${styles.on}` : ''}`}>
        <Text className={styles.state}>{stateText}</Text>
      </View>
    </View>
  );
}
