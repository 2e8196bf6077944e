import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { RELATIONSHIP_TEXT, shanghaiDate } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { useFamilyMembers, useRegions } from '../../../../features/family/hooks';
import { messageFor } from '../../../../features/errors/messages';
import { useAvailability, useCreateBooking } from '../../../../features/booking/hooks';
import { personInput, readFlowParams, SELF } from '../../../../features/booking/flow';
import { createKeyHolder } from '../../../../features/booking/idempotency';
import { cutoffRuleText, dayLabel, slotTime } from '../../../../features/booking/format';
import { BOOKING_PASS_PAGE, pageUrl } from '../../../../features/booking/pages';
import { BOOKING_CREATE_MESSAGES } from '../../../../features/booking/messages';
import { askToSubscribe, useSubscribePrefetch } from '../../../../features/notifications/subscribe';
import { CentreInfo } from '../../../../features/booking/CentreInfo';
import { PhoneConsent } from '../../../../features/booking/PhoneConsent';
import { readPhoneChoice, type PhoneChoice } from '../../../../features/booking/phone-choice';
import styles from './index.module.scss';
import { a11y } from '../../../../components/a11y';
import { ApiError } from '../../../../services/api-error';
import { forgetSubmit, noteSubmit, tellBooked } from '../../../../services/unseen-submits';

// no answer came (offline, timeout): the booking may or may not have been made; the same key makes a retry safe
const unanswered = (err: unknown) => err instanceof ApiError && (err.code === 'NETWORK_ERROR' || err.code === 'TIMEOUT');

/** step 4 of 4: check everything, see what to bring, then 确认预约 */
export default function BookingConfirmPage() {
  const flow = readFlowParams(Taro.getCurrentInstance().router?.params);
  const availability = useAvailability(flow.item ?? '');
  const family = useFamilyMembers();
  const regions = useRegions();
  const create = useCreateBooking();
  // one key for this screen: a double tap or a retry after a lost answer makes one booking
  const [keys] = useState(() => createKeyHolder());
  useSubscribePrefetch('booking');
  const [phone, setPhone] = useState<PhoneChoice>({ phone: '', consent: false });
  const [phoneError, setPhoneError] = useState<string | undefined>();
  // she may press back while 确认预约 is on its way: an answer that comes after that is told, not lost
  const shown = useRef(true);
  useEffect(() => () => void (shown.current = false), []);

  const data = availability.data;
  const day = data?.days.find((d) => d.date === flow.date);
  const slot = day?.slots.find((s) => s.start === flow.start);
  const member = flow.who && flow.who !== SELF ? family.data?.items.find((m) => m.id === flow.who) : undefined;
  const who = flow.who === SELF ? `${flow.name ?? ''}（本人）` : member ? `${member.name}（${RELATIONSHIP_TEXT[member.relationship]}）` : '';
  const place = regions.data?.items.find((r) => r.code === data?.serviceItem.communityCode)?.name ?? '';
  const person = personInput(flow);

  const submit = () => {
    if (!data || !flow.date || !flow.start || !person || create.isPending) return;
    const contact = readPhoneChoice(phone);
    if (!contact.ok) {
      setPhoneError(contact.error);
      return;
    }
    // first, inside the tap: WeChat only shows the subscribe dialog during a user gesture. Not awaited.
    void askToSubscribe('booking');
    const input = { serviceItemId: data.serviceItem.id, date: flow.date, start: flow.start, ...person, ...contact.input, idempotencyKey: keys.current() };
    noteSubmit({ key: input.idempotencyKey, serviceItemId: input.serviceItemId, date: input.date, start: input.start, familyMemberId: 'familyMemberId' in person ? person.familyMemberId : null, at: Date.now() });
    create.mutateAsync(input).then(
      (b) => {
        forgetSubmit(input.idempotencyKey);
        if (shown.current) void Taro.redirectTo({ url: pageUrl(BOOKING_PASS_PAGE, { id: b.id, created: 1 }) });
        else void tellBooked(b);
      },
      (err: unknown) => {
        // a refusal is final and shown here; with no answer the note stays until the app can look (next open)
        if (!unanswered(err)) forgetSubmit(input.idempotencyKey);
      },
    );
  };
  const offline = create.isError && unanswered(create.error);

  if (!flow.item || !flow.date || !flow.start || !person) {
    return (
      <PageShell title="确认预约">
        <Notice tone="error" title="预约信息不全">请回到前面几步重新选择。</Notice>
        <Button variant="secondary" onClick={() => void Taro.navigateBack()}>回上一步</Button>
      </PageShell>
    );
  }
  if (availability.isPending) return <PageShell title="确认预约"><Notice>正在读取…</Notice></PageShell>;
  if (!data) {
    return (
      <PageShell title="确认预约">
        <Notice tone="error" title="没有读出来">{messageFor(availability.error)}</Notice>
        <Button variant="secondary" onClick={() => void availability.refetch()}>再试一次</Button>
      </PageShell>
    );
  }

  const rows: [string, string][] = [
    ['办什么事', data.serviceItem.name],
    ['为谁办', who || '（正在读取）'],
    ['时间', `${day ? dayLabel(day, shanghaiDate(new Date())) : flow.date} ${slot ? slotTime(slot) : flow.start}`],
  ];
  const centreName = place ? `${place}党群服务中心` : '社区党群服务中心';
  return (
    <PageShell title="确认预约" intro="第4步（共4步）：请核对，没问题就点最下面的“确认预约”。">
      <View className={styles.card}>
        {rows.map(([k, v]) => (
          <View key={k} className={styles.row}>
            <Text className={styles.key}>{k}</Text>
            <Text className={styles.value}>{v}</Text>
          </View>
        ))}
      </View>
      <Section title="到哪里办">
        <CentreInfo centre={data.centre} name={centreName} inPerson={data.serviceItem.inPerson} />
      </Section>
      <Section title="请一次带齐这些材料">
        {data.serviceItem.materials.length > 0 ? (
          <View className={styles.list} {...a11y('list')}>
            {data.serviceItem.materials.map((m, i) => (
              <Text key={m} className={styles.item} {...a11y('listitem')}>{`${i + 1}. ${m}`}</Text>
            ))}
          </View>
        ) : (
          <Notice>这件事不用带材料，带上身份证就行。</Notice>
        )}
      </Section>
      <Section title="留个电话（可以不填）">
        <PhoneConsent value={phone} onChange={(v) => { setPhone(v); setPhoneError(undefined); }} error={phoneError} />
      </Section>
      <Notice title="可以取消或改时间">{cutoffRuleText(data?.cutoffMinutes, slot?.startsAt)}</Notice>
      {offline ? (
        <Notice tone="error" title="网络不好">这次没有收到回音。请检查手机网络，然后点下面的“再试一次”。多点几次也只会约一次。</Notice>
      ) : null}
      {create.isError && !offline ? <Notice tone="error" title="没有约上">{messageFor(create.error, BOOKING_CREATE_MESSAGES)}</Notice> : null}
      {create.isError && !offline ? <Button variant="secondary" onClick={() => void Taro.navigateBack()}>换个时间</Button> : null}
      <Button loading={create.isPending} onClick={submit}>{offline ? '再试一次' : '确认预约'}</Button>
      <Notice>确认后社区会尽快处理，结果会在“消息”里告诉您。微信问是否接收通知时，选“允许”就能在微信里收到。</Notice>
    </PageShell>
  );
}
