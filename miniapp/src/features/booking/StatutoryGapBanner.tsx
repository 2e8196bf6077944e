import Taro from '@tarojs/taro';
import { shanghaiDate } from '@jianban/shared';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { useSession } from '../../services/session';
import { useStatutoryGap } from './hooks';
import { STAFF_HOLIDAYS_PAGE } from './pages';
import { statutoryGapText } from './statutory-gap';

/**
 * Shown on the staff pages about bookings and holidays while the booking window will reach a year with no statutory
 * schedule within a month (or already has). Nothing while loading or if the server cannot say: it is a reminder, not a gate.
 */
export function StatutoryGapBanner({ onHolidaysPage = false }: { onHolidaysPage?: boolean }) {
  const { me } = useSession();
  const gap = useStatutoryGap().data?.gap;
  if (!gap || me?.kind !== 'staff') return null;
  const admin = me.role === 'district_admin';
  const text = statutoryGapText(gap, shanghaiDate(new Date()), admin ? (onHolidaysPage ? 'district_admin_on_holidays_page' : 'district_admin') : 'other_staff');
  return (
    <>
      <Notice tone="error" title={text.title}>{text.body}</Notice>
      {admin && !onHolidaysPage ? (
        <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: STAFF_HOLIDAYS_PAGE })}>去节假日安排</Button>
      ) : null}
    </>
  );
}
