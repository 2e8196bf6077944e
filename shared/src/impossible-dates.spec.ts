import { expect, it } from '@jest/globals';
import type { z } from 'zod';
import { addClosureInput, availabilityQuery, closuresQuery, createBookingInput, exportQuery, localDate, rescheduleBookingInput, staffDayQuery } from './booking/booking.schema';
import { parseStatutoryLines } from './booking/statutory-lines';
import { createDemandReportInput } from './catalog/catalog.schema';

// issue 15 item 4: days that do not exist are refused by every input schema that takes a date
const DATE_FIELDS: [string, string, z.ZodType][] = [
  ['availabilityQuery', 'from', availabilityQuery],
  ['availabilityQuery', 'to', availabilityQuery],
  ['createBookingInput', 'date', createBookingInput],
  ['rescheduleBookingInput', 'date', rescheduleBookingInput],
  ['staffDayQuery', 'date', staffDayQuery],
  ['closuresQuery', 'from', closuresQuery],
  ['closuresQuery', 'to', closuresQuery],
  ['addClosureInput', 'date', addClosureInput],
  ['exportQuery', 'date', exportQuery],
  ['exportQuery', 'from', exportQuery],
  ['exportQuery', 'to', exportQuery],
  ['createDemandReportInput', 'happenedOn', createDemandReportInput],
];

const issuesAt = (schema: z.ZodType, key: string, value: string) => {
  const r = schema.safeParse({ [key]: value });
  return r.success ? [] : r.error.issues.filter((i) => i.path[0] === key);
};

it('localDate refuses 2027-02-30, 2026-02-31, 2026-04-31 and 2027-02-29, keeps 2028-02-29', () => {
  for (const bad of ['2027-02-30', '2026-02-31', '2026-04-31', '2027-02-29']) expect(localDate.safeParse(bad).success).toBe(false);
  for (const good of ['2028-02-29', '2026-12-31', '2027-01-01']) expect(localDate.safeParse(good).success).toBe(true);
});

it.each(DATE_FIELDS)('%s.%s refuses a day that does not exist', (_name, key, schema) => {
  expect(issuesAt(schema, key, '2027-02-30').length).toBeGreaterThan(0);
  expect(issuesAt(schema, key, '2026-02-31').length).toBeGreaterThan(0);
  expect(issuesAt(schema, key, '2026-02-28')).toEqual([]);
});

it('statutory-holiday lines with an impossible date are refused', () => {
  const r = parseStatutoryLines('2027-02-30 休 春节', 2027);
  expect(r.days).toEqual([]);
  expect(r.errors).toHaveLength(1);
});
