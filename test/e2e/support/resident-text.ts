import type { Page } from 'playwright-core';

// text meant for developers and researchers that must never reach a rendered page (issue 14 item 3): residents read
// plain Chinese written for them, staff read Chinese labels
const LEAKS: [string, RegExp][] = [
  ['snake_case key', /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g],
  ['camelCase key', /\b[a-z]+(?:[A-Z][a-z0-9]+)+\b/g],
  ['file name', /\b[\w-]+\.(?:json|csv|xlsx?|ts|tsx|js|md|txt|sql|sqlite|ttc|pdf)\b/gi],
  ['researchers\' note', /原文未找到|供区管理员替换|供区管理员参考|[（(][^（）()]{0,6}表述[)）]|尚未逐条核对原文|\binferred\b|\bstatutory\b|\bTODO\b/gi],
  ['other cities\' policy', /重庆政策|山西取消|晋民发|上海市卫生健康委|肇庆市/g],
];

/** every leak in a page's text, as "kind: text" */
export function textLeaks(text: string): string[] {
  return LEAKS.flatMap(([kind, re]) => [...text.matchAll(re)].map((m) => `${kind}: ${m[0]}`));
}

/** the leaks in the visible Taro page (what the user reads, including labels and placeholders) */
export async function pageLeaks(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const shown = [...document.querySelectorAll('.taro_page')].find((p) => getComputedStyle(p).display !== 'none');
    if (!shown) return '';
    const attrs = [...shown.querySelectorAll('[placeholder],[aria-label],[title]')].map((el) =>
      ['placeholder', 'aria-label', 'title'].map((a) => el.getAttribute(a) ?? '').join(' '),
    );
    const fields = [...shown.querySelectorAll('input,textarea')].map((el) => (el as HTMLInputElement).value);
    return [(shown as HTMLElement).innerText, ...attrs, ...fields, document.title].join('\n');
  });
  return textLeaks(text);
}
