import type { CatalogSourceView } from '@jianban/shared';

// the research data cites other provinces' and cities' lists as examples; 荆州区 residents read only national, Hubei
// and Jingzhou texts (a district admin who adopts one writes it into the item's own 依据)
const OTHER_PLACES = /重庆|上海|浙江|山西|太原|晋民发|肇庆|广东|青岛|山东|黑龙江|甘肃|湖南|四川|德阳/;

export const residentSources = (sources: readonly CatalogSourceView[]): CatalogSourceView[] => sources.filter((s) => !OTHER_PLACES.test(s.title));

/** the legal basis without other places' documents and the researchers' English remarks ("(inferred)") */
export function residentLegalBasis(text: string | null): string | null {
  if (!text) return null;
  const kept = text
    .split(/[;；]\s*/)
    .map((part) => part.replace(/\s*[(（][^()（）]*[A-Za-z][^()（）]*[)）]/g, '').replace(/\s*[(（][^()（）]*(取消|表述)[^()（）]*[)）]/g, '').trim())
    .filter((part) => part && !OTHER_PLACES.test(part) && !/\b[a-z]{3,}\b/.test(part));
  return kept.length ? kept.join('；') : null;
}
