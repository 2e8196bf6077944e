// the staff queue across days (issue 14 item 8): the row's case text, the day page's hint, and the 工作台 entry
import { describe, expect, it } from '@jest/globals';
import { pendingElsewhereText, queueCaseText, QUEUE_TABS } from '../src/features/booking/staff';
import { BOOKING_CONSOLE_LINKS } from '../src/features/booking/console-links';
import { STAFF_QUEUE_PAGE } from '../src/features/booking/pages';

describe('staff queue', () => {
  it('says who has the case: nobody, the responsible person, or a hand-over', () => {
    expect(queueCaseText({ responsibleName: null, handlerName: null })).toBe('还没人负责');
    expect(queueCaseText({ responsibleName: '李敏', handlerName: '李敏' })).toBe('负责人 李敏');
    expect(queueCaseText({ responsibleName: '刘芳', handlerName: '李敏' })).toBe('刘芳转给李敏');
    // the signed-in staff member is 我
    expect(queueCaseText({ responsibleName: '李敏', handlerName: '李敏' }, '李敏')).toBe('我负责');
    expect(queueCaseText({ responsibleName: '刘芳', handlerName: '李敏' }, '李敏')).toBe('刘芳转给我');
    expect(queueCaseText({ responsibleName: '李敏', handlerName: '刘芳' }, '李敏')).toBe('我转给刘芳');
    expect(queueCaseText({ responsibleName: '刘芳', handlerName: '刘芳' }, '李敏')).toBe('负责人 刘芳');
  });

  it('the empty day names the pending bookings on other days, and says nothing when there are none', () => {
    expect(pendingElsewhereText('2026-12-08', '2026-12-08', 2)).toBe('今天没有预约。还有 2 个待确认的预约在别的日子。');
    expect(pendingElsewhereText('2026-12-09', '2026-12-08', 1)).toBe('这一天没有预约。还有 1 个待确认的预约在别的日子。');
    expect(pendingElsewhereText('2026-12-08', '2026-12-08', 0)).toBeNull();
  });

  it('is the first entry of the 工作台 and a declared page, with the two tabs', () => {
    expect(BOOKING_CONSOLE_LINKS[0]).toMatchObject({ title: '待确认的预约', url: STAFF_QUEUE_PAGE });
    expect(BOOKING_CONSOLE_LINKS[0].description).toBeTruthy();
    // app.config.ts calls Taro's build-time global; here it just hands the config back
    (globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c;
    const config = (require('../src/app.config') as { default: { subPackages: { root: string; pages: string[] }[] } }).default;
    const declared = config.subPackages.flatMap((p) => p.pages.map((x) => `/${p.root}/${x}`));
    expect(declared).toContain(STAFF_QUEUE_PAGE);
    expect(declared).not.toContain('/subpackages/staff-booking/pages/never-built/index'); // negative control
    expect(QUEUE_TABS.map((t) => t.label)).toEqual(['待确认', '我负责的']);
  });
});
