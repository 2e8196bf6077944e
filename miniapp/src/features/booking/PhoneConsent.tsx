import { View, Text } from '@tarojs/components';
import { Field } from '../../components/Field';
import { a11y } from '../../components/a11y';
import styles from './PhoneConsent.module.scss';
import type { PhoneChoice } from './phone-choice';

/** on the confirm page: an optional phone for the community to call about this visit, with its own consent */
export function PhoneConsent({ value, onChange, error }: { value: PhoneChoice; onChange: (v: PhoneChoice) => void; error?: string }) {
  return (
    <>
      <Field
        label="您的手机号（可以不填）"
        value={value.phone}
        type="number"
        maxlength={13}
        onChange={(phone) => onChange({ ...value, phone })}
        hint="只给这次预约用：工作人员有事能打电话找您。"
        error={error}
      />
      <View className={styles.row} onClick={() => onChange({ ...value, consent: !value.consent })} {...a11y('switch', { checked: value.consent, label: '同意工作人员用这个电话联系我' })}>
        <View className={styles.main}>
          <Text className={styles.title}>同意工作人员用这个电话联系我</Text>
          <Text className={styles.desc}>只有为这次预约接待您的社区工作人员能看到；不同意就不要填电话。</Text>
        </View>
        <View className={`${styles.toggle}${value.consent ? ` ${styles.on}` : ''}`}>
          <Text className={styles.state}>{value.consent ? '同意' : '不同意'}</Text>
        </View>
      </View>
    </>
  );
}
