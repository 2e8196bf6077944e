// issue 14 items 6, 9, 11: the tab bar's pure logic, the camera scanner's messages and frame size, the booking phone choice
import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from '@jest/globals';
import { tabIndexOf, tabLabel, TABS } from '../src/components/TabBar/tabs';
import { iconSrc } from '../src/components/TabBar/icons';
import { cameraErrorText, frameSize } from '../src/features/booking/camera-scan';
import { readPhoneChoice } from '../src/features/booking/phone-choice';

describe('the tab bar', () => {
  it('lists the same pages in the same order as app.config.ts, and the config asks for the custom bar', () => {
    const config = readFileSync(join(__dirname, '..', 'src', 'app.config.ts'), 'utf8');
    const tabBar = config.slice(config.indexOf('tabBar:'));
    expect(tabBar).toMatch(/custom: true/);
    const paths = [...tabBar.matchAll(/pagePath: '([^']+)'/g)].map((m) => m[1]);
    expect(paths).toEqual(TABS.map((t) => t.path));
  });

  it('finds the current tab from a route with or without a leading slash or query, and -1 elsewhere', () => {
    expect(tabIndexOf('pages/index/index')).toBe(0);
    expect(tabIndexOf('/pages/messages/index?x=1')).toBe(2);
    expect(tabIndexOf('/subpackages/booking/pages/start/index')).toBe(-1);
    expect(tabIndexOf(undefined)).toBe(-1);
  });

  it('says the unread count on 消息 only', () => {
    expect(tabLabel(TABS[2], 3)).toBe('消息3条未读');
    expect(tabLabel(TABS[2], 0)).toBe('消息');
    expect(tabLabel(TABS[2], 250)).toBe('消息99+条未读');
    expect(tabLabel(TABS[0], 3)).toBe('首页');
  });

  it('draws each icon as a small inline SVG in the given colour', () => {
    for (const t of TABS) {
      const src = iconSrc(t.icon, '#0b57d0');
      expect(src.startsWith('data:image/svg+xml,')).toBe(true);
      expect(decodeURIComponent(src)).toContain('stroke="#0b57d0"');
      expect(src.length).toBeLessThan(600);
    }
  });
});

describe('the camera scanner', () => {
  it('tells staff in plain words why the camera did not start, and what to do instead', () => {
    expect(cameraErrorText('NotAllowedError')).toMatch(/允许使用摄像头/);
    expect(cameraErrorText('NotFoundError')).toMatch(/没有找到摄像头/);
    expect(cameraErrorText('NotReadableError')).toMatch(/占用/);
    for (const n of ['NotAllowedError', 'NotFoundError', 'NotReadableError', undefined]) expect(cameraErrorText(n)).toMatch(/扫码枪|预约码/);
  });

  it('scales frames to at most 640 px on the long side, and reads nothing before the video has a size', () => {
    expect(frameSize({ videoWidth: 1280, videoHeight: 720 })).toEqual({ width: 640, height: 360 });
    expect(frameSize({ videoWidth: 320, videoHeight: 240 })).toEqual({ width: 320, height: 240 });
    expect(frameSize({ videoWidth: 0, videoHeight: 0 })).toEqual({ width: 0, height: 0 });
  });
});

describe('the phone on the booking confirm page', () => {
  it('sends nothing when left empty, whatever the switch says', () => {
    expect(readPhoneChoice({ phone: '  ', consent: false })).toEqual({ ok: true, input: {} });
    expect(readPhoneChoice({ phone: '', consent: true })).toEqual({ ok: true, input: {} });
  });

  it('needs consent for a typed phone, and a real mobile number', () => {
    expect(readPhoneChoice({ phone: '13912345678', consent: false })).toMatchObject({ ok: false, error: expect.stringMatching(/同意/) });
    expect(readPhoneChoice({ phone: '12345', consent: true })).toMatchObject({ ok: false, error: '手机号应是 11 位数字，以 1 开头' });
    expect(readPhoneChoice({ phone: '139 1234 5678', consent: true })).toEqual({ ok: true, input: { contactPhone: '13912345678', phoneConsent: true } });
  });
});
