import Taro from '@tarojs/taro';
import { useState } from 'react';
import { checkInInput, shanghaiDate, type StaffBookingDetailView } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { checkInByCode } from '../../../../features/booking/staff-calls';
import { messageFor } from '../../../../features/errors/messages';
import { useStaffSettle } from '../../../../features/booking/hooks';
import { checkInRefusal, instantText, normalizePassCode } from '../../../../features/booking/format';
import { ApiError } from '../../../../services/api-error';
import { useStaffCommunity } from '../../../../features/booking/staff-community';
import { StaffCommunityPicker } from '../../../../features/booking/StaffCommunityPicker';
import { pageUrl, STAFF_DETAIL_PAGE } from '../../../../features/booking/pages';
import { CameraScan } from '../../../../features/booking/CameraScan';

const CAN_SCAN = process.env.TARO_ENV === 'weapp';
/** H5 on a PC: the camera (when the browser has one) beside a USB scanner or typing */
const CAN_CAMERA = process.env.TARO_ENV === 'h5';

/** check-in: scan the resident's QR pass (WeChat) or type the code (browser) */
export default function StaffScanPage() {
  const { community, choices, loading, pick, isStaff } = useStaffCommunity();
  const settle = useStaffSettle();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<StaffBookingDetailView | null>(null);

  const checkIn = async (raw: string) => {
    if (!community) return;
    const parsed = checkInInput.safeParse({ passCode: normalizePassCode(raw) });
    if (!parsed.success) {
      setError('预约码不对：应是8到16位字母或数字，请核对');
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const b = await checkInByCode(community.code, parsed.data);
      settle(b);
      setDone(b);
      setCode('');
    } catch (err) {
      const api = err instanceof ApiError ? err : null;
      setError(checkInRefusal(api?.code ?? null, api?.details, shanghaiDate(new Date()), messageFor(err)));
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    setError(null);
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      if (res.result) await checkIn(res.result);
    } catch {
      // the staff member closed the camera: nothing to do
    }
  };

  if (!isStaff) return <PageShell title="签到"><Notice tone="error" title="只有工作人员能用">请先用“工作人员登录”。</Notice></PageShell>;
  if (!community) return <PageShell title="签到"><StaffCommunityPicker choices={choices} loading={loading} onPick={pick} /></PageShell>;

  return (
    <PageShell title={`签到 · ${community.name}`} intro={CAN_SCAN ? '扫居民手机上的预约码；扫不出来时输入预约码。' : '用摄像头或扫码枪扫居民手机上的二维码；扫不出来时输入预约码（字母和数字，空格不用输）。'}>
      {done ? (
        <>
          <Notice tone="success" title={`已签到：${done.personName}`}>{`${done.serviceItem.name} · ${instantText(done.startsAt)}`}</Notice>
          <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_DETAIL_PAGE, { id: done.id }) })}>
            打开这个预约
          </Button>
        </>
      ) : null}
      {error ? <Notice tone="error" title="没有签到成功">{error}</Notice> : null}
      {CAN_SCAN ? <Button loading={busy} onClick={() => void scan()}>扫码签到</Button> : null}
      {CAN_CAMERA ? <CameraScan busy={busy} onCode={(text) => void checkIn(text)} /> : null}
      {/* a USB barcode scanner types the code and presses Enter: Enter checks in with what was typed */}
      <Field label="预约码" value={code} onChange={(v) => { setCode(v); setError(null); }} onConfirm={(v) => void checkIn(v)} maxlength={24} hint="例如 AB12 CD34 EF" />
      <Button variant={CAN_SCAN ? 'secondary' : 'primary'} loading={busy} onClick={() => void checkIn(code)}>
        签到
      </Button>
    </PageShell>
  );
}
