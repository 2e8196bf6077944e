import { View, Text } from '@tarojs/components';
import styles from './catalog.module.scss';
import { a11y } from '../../../components/a11y';

/** how to ask a person: phone the service centre or walk in */
export function AskStaff({ text, where, title = '可以直接问工作人员' }: { text: string; where?: string | null; title?: string }) {
  return (
    <View className={styles.ask} {...a11y('note', { label: title })}>
      <Text className={styles.askTitle}>{title}</Text>
      <Text className={styles.askText}>{text}</Text>
      {where ? <Text className={styles.askText}>{where}</Text> : null}
    </View>
  );
}
