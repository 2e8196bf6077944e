// An abandoned booking submit never completes unseen (issue 14): before 确认预约 is sent, what it asks for is noted
// in storage with its idempotency key. The confirm page forgets the note when it shows the answer. When she left the
// page before the answer (pressed back, the network dropped, the app was closed), the note stays: an answer that comes
// while the app is still open is told at once, and otherwise the next time the app opens it looks in 我的预约 —
// read only, nothing is sent again — and tells her that the booking went through.
import Taro from '@tarojs/taro';
import { routeRefs, type BookingView } from '@jianban/shared';
import { call } from './http';

const KEY = 'jb.unseenSubmits';
// the server answers or gives up within seconds: a note older than this with no booking behind it is dropped
const SETTLED_AFTER_MS = 2 * 60_000;
const PASS_PAGE = '/subpackages/booking/pages/detail/index';

export interface SubmitNote {
  key: string;
  serviceItemId: string;
  date: string;
  start: string;
  familyMemberId: string | null;
  at: number;
}

function readNotes(): SubmitNote[] {
  try {
    const v = JSON.parse(String(Taro.getStorageSync(KEY) || '[]')) as unknown;
    return Array.isArray(v) ? (v as SubmitNote[]) : [];
  } catch {
    return [];
  }
}
function writeNotes(notes: SubmitNote[]): void {
  try {
    if (notes.length) Taro.setStorageSync(KEY, JSON.stringify(notes.slice(-5)));
    else Taro.removeStorageSync(KEY);
  } catch {
    // storage unavailable: nothing to remember across runs
  }
}

export function noteSubmit(note: SubmitNote): void {
  writeNotes([...readNotes().filter((n) => n.key !== note.key), note]);
}
export function forgetSubmit(key: string): void {
  writeNotes(readNotes().filter((n) => n.key !== key));
}

/** the booking a note stands for, among hers (same service, day, time and person, made after the note) */
export function bookingOf(note: SubmitNote, bookings: BookingView[]): BookingView | undefined {
  return bookings.find(
    (b) => b.serviceItem.id === note.serviceItemId && b.date === note.date && b.start === note.start && b.familyMemberId === note.familyMemberId &&
      Date.parse(b.createdAt) >= note.at - 60_000,
  );
}

// 2026-12-07 → 12月7日
const dayText = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

export async function tellBooked(b: BookingView): Promise<void> {
  const r = await Taro.showModal({
    title: '您的预约已经约上了',
    content: `${b.personName}，${dayText(b.date)} ${b.start}，${b.serviceItem.name}。上次提交后页面关了，现在告诉您一声。`,
    confirmText: '查看',
    cancelText: '知道了',
  }).catch(() => ({ confirm: false }));
  if (r.confirm) await Taro.navigateTo({ url: `${PASS_PAGE}?id=${encodeURIComponent(b.id)}` }).catch(() => undefined);
}

/** at app open (signed in as a resident): tell her about each noted submit that went through; drop the settled ones */
export async function checkUnseenSubmits(now = Date.now()): Promise<void> {
  const notes = readNotes();
  if (!notes.length) return;
  let list: BookingView[];
  try {
    list = (await call(routeRefs.myBookings, { scope: 'all', page: 1, pageSize: 50 })).items;
  } catch {
    return; // offline again: ask next time
  }
  for (const note of notes) {
    const b = bookingOf(note, list);
    if (b) {
      forgetSubmit(note.key);
      await tellBooked(b);
    } else if (now - note.at > SETTLED_AFTER_MS) forgetSubmit(note.key);
  }
}
