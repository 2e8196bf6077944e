import { expect, it } from '@jest/globals';
import { addClosureInput } from './booking/booking.schema';
import { personName, updateMeInput } from './identity/identity.schema';

// issue 15 item 5: names and short texts are NFKC-normalised and refuse invisible and control characters
const BAD = ['李\u202e敏', '李\u200b敏', '李\u2066敏\u2069', '李敏\u0000', '李\ufeff敏', '李敏\u0085'];

it('display names refuse bidi, zero-width and control characters and are NFKC-normalised', () => {
  for (const displayName of BAD) expect(updateMeInput.safeParse({ displayName }).success).toBe(false);
  expect(updateMeInput.parse({ displayName: 'ＬＩ 敏' }).displayName).toBe('LI 敏');
});

it('person names refuse them too and are NFKC-normalised', () => {
  for (const name of BAD) expect(personName.safeParse(name).success).toBe(false);
  expect(personName.parse('Ｗａｎｇ 敏')).toBe('Wang 敏');
});

it('short free text (a closure reason) refuses them', () => {
  for (const reason of BAD) expect(addClosureInput.safeParse({ date: '2027-03-01', reason }).success).toBe(false);
  expect(addClosureInput.safeParse({ date: '2027-03-01', reason: '社区活动' }).success).toBe(true);
});

it('keeps Chinese full-width punctuation as typed while folding full-width letters and digits', () => {
  expect(addClosureInput.parse({ date: '2027-03-01', reason: '测试：社区活动（上午），暂停服务！' }).reason).toBe('测试：社区活动（上午），暂停服务！');
  expect(addClosureInput.parse({ date: '2027-03-01', reason: '３楼\u3000维修ﬁ' }).reason).toBe('3楼\u3000维修fi');
});
