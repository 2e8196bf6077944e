import type { EverydayWord } from '@jianban/shared';

// a certificate item leads to the allowance when what it used to be asked for ("use" words of the catalog's everyday
// thesaurus, edited with the item) names the allowance: 健在证明 was asked for 高龄津贴, which now needs no certificate
export const ALLOWANCE_USE_WORDS: readonly string[] = ['高龄津贴', '高龄补贴'];

export function leadsToAllowance(item: { everydayWords: readonly EverydayWord[] }): boolean {
  return item.everydayWords.some((w) => w.kind === 'use' && ALLOWANCE_USE_WORDS.includes(w.word));
}
