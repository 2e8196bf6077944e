import { Field } from '../../components/Field';
import { SwitchRow } from '../../components/SwitchRow';
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
      <SwitchRow
        title="同意工作人员用这个电话联系我"
        desc="只有为这次预约接待您的社区工作人员能看到；不同意就不要填电话。"
        checked={value.consent}
        stateText={value.consent ? '同意' : '不同意'}
        onToggle={() => onChange({ ...value, consent: !value.consent })}
      />
    </>
  );
}
