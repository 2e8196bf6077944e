import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { QrCode } from '../../../../components/QrCode';
import { useSession } from '../../../../services/session';
import { messageFor } from '../../../../features/errors/messages';
import { useBooking, useCancelBooking } from '../../../../features/booking/hooks';
import { cutoffText, groupedCode, instantText } from '../../../../features/booking/format';
import { slotStep } from '../../../../features/booking/flow';
import { MY_BOOKINGS_PAGE } from '../../../../features/booking/pages';
import { RESIDENT_STATUS_EXPLAIN, showsPass } from '../../../../features/booking/status';
import { CentreInfo } from '../../../../features/booking/CentreInfo';
import { CaseLog } from '../../../../components/CaseLog';
import styles from './index.module.scss';
import { a11y, a11yLabel } from '../../../../components/a11y';

/** one booking: the pass (QR code and the code in big characters), who is responsible, what to bring, cancel / change */
export default function BookingPassPage() {
  const params = Taro.getCurrentInstance().router?.params ?? {};
  const id = params.id ?? '';
  const { status } = useSession();
  const booking = useBooking(id);
  const cancel = useCancelBooking();
  const [asking, setAsking] = useState(false);
  useDidShow(() => {
    if (booking.data) void booking.refetch();
  });

  if (status === 'loading' || (booking.isPending && status === 'signedIn' && id)) {
    return <PageShell title="预约凭证"><Notice>正在读取…</Notice></PageShell>;
  }
  const b = booking.data;
  if (!b) {
    return (
      <PageShell title="预约凭证">
        <Notice tone="error" title="这个预约打不开">{booking.isError ? messageFor(booking.error) : '请先登录。'}</Notice>
        <Button variant="secondary" onClick={() => void Taro.redirectTo({ url: MY_BOOKINGS_PAGE })}>看我的预约</Button>
      </PageShell>
    );
  }

  const when = `${instantText(b.startsAt)}–${b.end}`;
  const rows: [string, string][] = [
    ['办什么事', b.serviceItem.name],
    ['为谁办', b.personName],
    ['时间', when],
  ];
  return (
    <PageShell title={b.serviceItem.name}>
      {params.created ? <Notice tone="success" title="预约已提交">社区确认后会在“消息”里告诉您。</Notice> : null}
      {params.changed ? <Notice tone="success" title="时间已改好">{`新的时间：${when}`}</Notice> : null}
      <Notice tone={b.status === 'rejected' || b.status === 'cancelled' || b.status === 'no_show' ? 'error' : b.status === 'pending' ? 'info' : 'success'} title={`状态：${b.statusText}`}>
        {RESIDENT_STATUS_EXPLAIN[b.status]}
      </Notice>
      {b.rejectReason ? <Notice tone="error" title="没有通过的原因">{b.rejectReason}</Notice> : null}

      {showsPass(b.status) ? (
        <View className={styles.pass}>
          <Text className={styles.passTitle}>到社区时给工作人员看</Text>
          <QrCode text={b.passCode} label={`预约码二维码，预约码 ${b.passCode}`} />
          <Text className={styles.codeLabel}>预约码</Text>
          <Text className={styles.code} {...a11yLabel(`预约码 ${b.passCode.split('').join(' ')}`)}>
            {groupedCode(b.passCode)}
          </Text>
          <Text className={styles.codeHint}>扫不出来时，把这串字念给工作人员，也能签到。</Text>
        </View>
      ) : null}

      <View className={styles.card}>
        {rows.map(([k, v]) => (
          <View key={k} className={styles.row}>
            <Text className={styles.key}>{k}</Text>
            <Text className={styles.value}>{v}</Text>
          </View>
        ))}
        {/* nobody is named on a booking that ended before the community confirmed it (cancelled, turned down) */}
        {b.responsible || b.status === 'pending' ? (
        <View className={styles.row}>
          <Text className={styles.key}>负责人（首问负责）</Text>
          <Text className={styles.value}>
            {b.responsible ? `${b.responsible.name}（${b.responsible.post}）` : '社区确认后，这里会写明负责接待您的工作人员'}
          </Text>
          {b.handedOver && b.handler && b.responsible ? (
            <Text className={styles.sub}>{`现在由 ${b.handler.name}（${b.handler.post}）办理，${b.responsible.name}仍然负责到底。`}</Text>
          ) : null}
        </View>
        ) : null}
      </View>

      {showsPass(b.status) ? (
        <Section title="到哪里办">
          <CentreInfo centre={b.centre} name={`${b.communityName}党群服务中心`} inPerson={b.inPerson} />
        </Section>
      ) : (
        <View className={styles.card}>
          <View className={styles.row}>
            <Text className={styles.key}>地点</Text>
            <Text className={styles.value}>{`${b.communityName}党群服务中心`}</Text>
          </View>
        </View>
      )}

      {b.missingMaterials.length > 0 ? (
        <Section title="还缺这些材料（请一次补齐）">
          <View className={styles.missing} {...a11y('list')}>
            {b.missingMaterials.map((m, i) => (
              <Text key={m} className={styles.item} {...a11y('listitem')}>{`${i + 1}. ${m}`}</Text>
            ))}
          </View>
        </Section>
      ) : null}
      {showsPass(b.status) && b.materials.length > 0 ? (
        <Section title="要带的材料">
          <View className={styles.list} {...a11y('list')}>
            {b.materials.map((m, i) => (
              <Text key={m} className={styles.item} {...a11y('listitem')}>{`${i + 1}. ${m}`}</Text>
            ))}
          </View>
        </Section>
      ) : null}

      {showsPass(b.status) && b.status !== 'checked_in' ? (
        <Section title="取消或改时间">
          <Notice>{cutoffText(b.cutoffAt, new Date())}</Notice>
          {b.canReschedule ? (
            <Button
              variant="secondary"
              onClick={() => void Taro.navigateTo({ url: slotStep({ item: b.serviceItem.id, code: b.communityCode, reschedule: b.id }) })}
            >
              改时间
            </Button>
          ) : null}
          {b.canCancel && !asking ? <Button variant="secondary" onClick={() => setAsking(true)}>取消预约</Button> : null}
          {asking ? (
            <View className={styles.confirm} {...a11y('group', { label: '取消预约' })}>
              <Text className={styles.question}>确定取消这个预约吗？</Text>
              <Text className={styles.sub}>取消后名额会让给别人。以后需要可以重新预约。</Text>
              {cancel.isError ? <Notice tone="error" title="没有取消成功">{messageFor(cancel.error)}</Notice> : null}
              <Button variant="danger" loading={cancel.isPending} onClick={() => cancel.mutate(b.id, { onSuccess: () => setAsking(false) })}>
                确定取消
              </Button>
              <Button variant="secondary" disabled={cancel.isPending} onClick={() => { setAsking(false); cancel.reset(); }}>
                不取消
              </Button>
            </View>
          ) : null}
        </Section>
      ) : null}

      {b.log.length > 0 ? (
        <Section title="办理记录">
          <CaseLog entries={b.log} />
        </Section>
      ) : null}
      <Button variant="secondary" onClick={() => void Taro.redirectTo({ url: MY_BOOKINGS_PAGE })}>看我的全部预约</Button>
    </PageShell>
  );
}
