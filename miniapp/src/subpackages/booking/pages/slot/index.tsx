import Taro from '@tarojs/taro';
import { useState } from 'react';
import { shanghaiDate, type DayView, type SlotView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { BigChoice } from '../../../../components/BigChoice';
import { messageFor } from '../../../../features/errors/messages';
import { useAvailability, useRescheduleBooking } from '../../../../features/booking/hooks';
import { confirmStep, readFlowParams } from '../../../../features/booking/flow';
import { dayChoice, dayLabel, monthDay, slotA11yTime, slotChoice, slotStarted, slotTime } from '../../../../features/booking/format';
import { BOOKING_PASS_PAGE, pageUrl } from '../../../../features/booking/pages';
import { QueryState } from '../../../../components/QueryState';

/** step 3 of 4: the day, then the time (or a new time for an existing booking: ?reschedule=<id>) */
export default function BookingSlotPage() {
  const flow = readFlowParams(Taro.getCurrentInstance().router?.params);
  const availability = useAvailability(flow.item ?? '');
  const reschedule = useRescheduleBooking();
  const [day, setDay] = useState<DayView | null>(null);
  const [slot, setSlot] = useState<SlotView | null>(null);
  const now = new Date();
  const today = shanghaiDate(now);
  const data = availability.data;
  const title = flow.reschedule ? '改时间' : '选时间';

  const chooseSlot = (s: SlotView) => {
    if (!day) return;
    if (flow.reschedule) {
      setSlot(s);
      // the question and its button replace the list: bring them into view (below 13 slots they were off-screen)
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
      return;
    }
    void Taro.navigateTo({ url: confirmStep({ ...flow, date: day.date, start: s.start }) });
  };
  const doReschedule = async () => {
    if (!day || !slot || !flow.reschedule) return;
    try {
      await reschedule.mutateAsync({ id: flow.reschedule, date: day.date, start: slot.start });
      void Taro.redirectTo({ url: pageUrl(BOOKING_PASS_PAGE, { id: flow.reschedule, changed: 1 }) });
    } catch {
      // shown below from reschedule.error; the times may have changed meanwhile
      void availability.refetch();
    }
  };

  if (!flow.item) {
    return (
      <PageShell title={title}>
        <Notice tone="error" title="还没有选办什么事">请回到第一步选事项。</Notice>
      </PageShell>
    );
  }

  const openDays = data?.days.filter((d) => dayChoice(d, today).available).length ?? 0;
  return (
    <PageShell
      title={title}
      intro={flow.reschedule ? '选一个新的日子和时间。' : `第3步（共4步）：${data ? `“${data.serviceItem.name}”` : ''}选哪天、几点去。`}
    >
      <QueryState query={availability} loading="正在读取可以约的时间…" errorTitle="时间没有读出来" />

      {data && !day ? (
        <Section title="第一步：选日子">
          <Notice>
            {openDays > 0
              ? `可以约 ${monthDay(data.windowFrom)} 到 ${monthDay(data.windowTo)}。虚线框的日子不能约，下面写着原因。`
              : '最近这些天都约满了或不开门。可以过几天再来看，或直接到社区办理。'}
          </Notice>
          {data.days.map((d) => {
            const c = dayChoice(d, today);
            return <BigChoice key={d.date} label={c.label} status={c.status} available={c.available} onChoose={() => setDay(d)} />;
          })}
        </Section>
      ) : null}

      {data && day ? (
        <Section title={`第二步：选时间（${dayLabel(day, today)}）`}>
          <Button variant="secondary" onClick={() => { setDay(null); setSlot(null); reschedule.reset(); }}>换一天</Button>
          {flow.reschedule && slot ? (
            <>
              <Notice title={`改到 ${dayLabel(day, today)} ${slotTime(slot)}？`}>原来的时间会让给别人。</Notice>
              {reschedule.isError ? <Notice tone="error" title="没有改成">{messageFor(reschedule.error)}</Notice> : null}
              <Button loading={reschedule.isPending} a11yLabel={`确定改时间：改到 ${slotA11yTime(slot)}`} onClick={() => void doReschedule()}>
                确定改时间
              </Button>
              <Button variant="secondary" disabled={reschedule.isPending} onClick={() => { setSlot(null); reschedule.reset(); }}>
                换一个时间
              </Button>
            </>
          ) : (
            <>
              {day.slots.some((s) => slotStarted(s, now)) ? <Notice>已经过去的时段不再列出。</Notice> : null}
              {day.slots.filter((s) => !slotStarted(s, now)).map((s) => {
                const c = slotChoice(s, now);
                return (
                  <BigChoice
                    key={s.start}
                    label={c.label}
                    status={c.status}
                    available={c.available}
                    selected={slot?.start === s.start}
                    onChoose={() => chooseSlot(s)}
                  />
                );
              })}
            </>
          )}
        </Section>
      ) : null}
    </PageShell>
  );
}
