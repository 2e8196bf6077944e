import { z } from 'zod';
import { cleanText } from '../text';
import { editorView, searchServiceId } from './catalog.schema';

// the words that lead a search to each service (issue 13): kept in the database, edited by the district admin through
// versioned, audited edits like the everyday words of an item. name: what residents call the service (老人补贴);
// subject: what they ask about when they mean it (八十岁, 排队). source: where the word is read, null when none.
export const serviceWordKinds = ['name', 'subject'] as const;
export const serviceWordKind = z.enum(serviceWordKinds);
export const SERVICE_WORD_KIND_TEXT: Record<(typeof serviceWordKinds)[number], string> = { name: '服务的叫法', subject: '问到的事' };
export const serviceWord = z.strictObject({
  word: cleanText().min(1).max(20),
  kind: serviceWordKind,
  source: cleanText().max(100).nullable(),
});
export type ServiceWord = z.infer<typeof serviceWord>;
export const SERVICE_WORDS_MAX = 60;
const serviceWordList = z
  .array(serviceWord)
  .min(1)
  .max(SERVICE_WORDS_MAX)
  .refine((ws) => new Set(ws.map((w) => w.word)).size === ws.length, { message: '同一个词只能写一次' });

export const serviceWordsParams = z.strictObject({ service: searchServiceId });
export const serviceWordsView = z.object({
  service: searchServiceId,
  title: z.string(),
  version: z.number().int(), // send it back as baseVersion when editing
  words: z.array(serviceWord),
  updatedAt: z.string(),
  updatedBy: editorView.nullable(), // null for the seed import
});
export type ServiceWordsView = z.infer<typeof serviceWordsView>;
export const serviceWordsList = z.object({ services: z.array(serviceWordsView) });
export type ServiceWordsList = z.infer<typeof serviceWordsList>;

export const updateServiceWordsInput = z.strictObject({
  baseVersion: z.number().int().min(1), // a newer version → 409 CATALOG_VERSION_CONFLICT
  words: serviceWordList,
  changeNote: cleanText().min(1).max(300),
});
export type UpdateServiceWordsInput = z.infer<typeof updateServiceWordsInput>;

export const serviceWordsVersionView = z.object({
  version: z.number().int(),
  editedBy: editorView.nullable(),
  editedAt: z.string(),
  changeNote: z.string(),
  added: z.array(z.string()), // words this version added
  removed: z.array(z.string()), // words this version removed
  words: z.array(serviceWord),
});
export const serviceWordsHistoryView = z.object({ service: searchServiceId, currentVersion: z.number().int(), versions: z.array(serviceWordsVersionView) });
export type ServiceWordsHistoryView = z.infer<typeof serviceWordsHistoryView>;
