// Import boundaries of server/src, read from the source (TypeScript's own import scanner, no regexes):
//   - common/ knows no module: it imports nothing outside common/ (packages and @jianban/shared are fine);
//   - a module never imports another module's entities or repositories (it goes through that module's directory /
//     port, e.g. identity's PeopleDirectory or AccountDirectory);
//   - booking's case services (resident booking, staff desk, centre administration) sit side by side: none imports
//     another;
//   - the case kit (cases/) is used through its exported service (CaseKit), never its repository or entities.
// Known violations are listed below and must match exactly: a new one fails, and removing one fails until the list
// shrinks with it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import * as ts from 'typescript';

const MODULES = ['allowance', 'booking', 'cases', 'catalog', 'civil-affairs', 'identity', 'notifications', 'system'];
// booking's three case services; the kit and repositories they share are not services
const BOOKING_CASE_SERVICES = ['booking/booking.service.ts', 'booking/staff-desk.service.ts', 'booking/booking-admin.service.ts'];

// Known violations, exactly as the checker reports them: none since booking's services were set side by side on the
// case kit (issue 10 item 3). A new one fails, and so would an entry left here after its fix.
const KNOWN_VIOLATIONS: string[] = [];

/** the relative imports of one file (import, export … from, import(), require), as written */
function importsOf(source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((name) => name.startsWith('.'));
}

/** a specifier resolved against the importing file to a path in `files` ('' when it leaves src or is not a file there) */
function resolve(from: string, spec: string, files: ReadonlySet<string>): string {
  const base = normalize(join(dirname(from), spec)).split(sep).join('/');
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) if (files.has(candidate)) return candidate;
  return base.endsWith('.ts') ? base : `${base}.ts`; // outside the scanned set: still judged by its path
}

const area = (path: string): string => (path.includes('/') ? path.split('/')[0] : '(root)');
const isEntityOrRepository = (path: string) => /(^|\/)entities\//.test(path) || /\.(entity|entities|repository)\.ts$/.test(path);

/** every forbidden import among `files` (path relative to src → source text) */
export function boundaryViolations(files: ReadonlyMap<string, string>): string[] {
  const known = new Set(files.keys());
  const out: string[] = [];
  for (const [from, source] of files) {
    const fromArea = area(from);
    for (const spec of importsOf(source)) {
      const to = resolve(from, spec, known);
      const toArea = to.startsWith('..') ? '(outside src)' : area(to);
      if (fromArea === 'common' && toArea !== 'common') out.push(`${from} -> ${to}: common imports ${toArea}`);
      if (MODULES.includes(fromArea) && MODULES.includes(toArea) && fromArea !== toArea && isEntityOrRepository(to)) {
        out.push(`${from} -> ${to}: a module imports another module's ${/repository\.ts$/.test(to) ? 'repository' : 'entities'}`);
      }
      if (BOOKING_CASE_SERVICES.includes(from) && BOOKING_CASE_SERVICES.includes(to) && from !== to) {
        out.push(`${from} -> ${to}: a booking case service imports another`);
      }
    }
  }
  return [...new Set(out)].sort();
}

function sourceFiles(root: string): Map<string, string> {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return walk(p);
      return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [p] : [];
    });
  return new Map(walk(root).map((p) => [relative(root, p).split(sep).join('/'), readFileSync(p, 'utf8')]));
}

describe('import boundaries of server/src', () => {
  const files = sourceFiles(__dirname);

  it('scans every module, common and the app root', () => {
    expect(files.size).toBeGreaterThan(100);
    for (const a of [...MODULES, 'common', '(root)']) expect([...files.keys()].some((p) => area(p) === a)).toBe(true);
    for (const s of BOOKING_CASE_SERVICES) expect(files.has(s)).toBe(true);
    // the scanner sees the imports that matter (a sample: the app root imports every module)
    expect(importsOf(files.get('app.module.ts')!)).toEqual(expect.arrayContaining(MODULES.filter((m) => m !== 'system').map((m) => `./${m}/${m}.module`)));
  });

  it('has exactly the known violations: none new, and the list shrinks when one is fixed', () => {
    expect(boundaryViolations(files)).toEqual([...KNOWN_VIOLATIONS].sort());
  });

  it('common imports no module, no app-root file and nothing outside src', () => {
    expect(boundaryViolations(files).filter((v) => v.startsWith('common/'))).toEqual([]);
  });
});

describe('boundaryViolations (negative control on in-memory files)', () => {
  const clean = new Map([
    ['common/clock.ts', "import { Injectable } from '@nestjs/common';\nimport { ErrorCode } from '@jianban/shared';\nimport { Db } from './db';"],
    ['common/db.ts', 'export class Db {}'],
    ['identity/entities/staff-account.entity.ts', 'export class StaffAccountEntity {}'],
    ['identity/identity.repository.ts', "import { StaffAccountEntity } from './entities/staff-account.entity';"],
    ['identity/people.directory.ts', "import { StaffAccountEntity } from './entities/staff-account.entity';"],
    ['booking/booking.service.ts', "import { PeopleDirectory } from '../identity/people.directory';\nimport { Db } from '../common/db';"],
    ['booking/staff-desk.service.ts', "import { BookingRepository } from './booking.repository';"],
    ['booking/booking-admin.service.ts', "import { BookingRepository } from './booking.repository';"],
    ['booking/booking.repository.ts', "import { SlotEntity } from './entities/slot.entity';"],
    ['booking/entities/slot.entity.ts', 'export class SlotEntity {}'],
    ['config.ts', "import { bookingConfigSection } from './booking/booking.config';"],
    ['booking/booking.config.ts', "import type { ConfigSection } from '../common/config';"],
    ['common/config.ts', "import { z } from 'zod';"],
  ]);

  it('finds nothing in clean files', () => {
    expect(boundaryViolations(clean)).toEqual([]);
  });

  it.each([
    ['common/domain-error.ts', "import { BOOKING_STATUS } from '../booking/booking.errors';", 'common/domain-error.ts -> booking/booking.errors.ts: common imports booking'],
    ['common/common.module.ts', "import { AppConfig } from '../config';", 'common/common.module.ts -> config.ts: common imports (root)'],
    ['common/x.ts', "export { Thing } from '../catalog/thing';", 'common/x.ts -> catalog/thing.ts: common imports catalog'],
    ['common/y.ts', "const m = require('../notifications/notifications.module');", 'common/y.ts -> notifications/notifications.module.ts: common imports notifications'],
    ['common/z.ts', "const m = await import('../identity/caller');", 'common/z.ts -> identity/caller.ts: common imports identity'],
    [
      'booking/booking.repository.ts',
      "import { SlotEntity } from './entities/slot.entity';\nimport { StaffAccountEntity } from '../identity/entities/staff-account.entity';",
      "booking/booking.repository.ts -> identity/entities/staff-account.entity.ts: a module imports another module's entities",
    ],
    [
      'booking/booking.views.ts',
      "import type { StaffAccountEntity } from '../identity/entities/staff-account.entity';",
      "booking/booking.views.ts -> identity/entities/staff-account.entity.ts: a module imports another module's entities",
    ],
    [
      'catalog/catalog.service.ts',
      "import { AccountRepository } from '../identity/identity.repository';",
      "catalog/catalog.service.ts -> identity/identity.repository.ts: a module imports another module's repository",
    ],
    [
      'booking/staff-desk.service.ts',
      "import { CaseRepository } from '../cases/case.repository';",
      "booking/staff-desk.service.ts -> cases/case.repository.ts: a module imports another module's repository",
    ],
    [
      'booking/booking.views.ts',
      "import type { CaseLogEntity } from '../cases/entities/case-log.entity';",
      "booking/booking.views.ts -> cases/entities/case-log.entity.ts: a module imports another module's entities",
    ],
    [
      'booking/booking-admin.service.ts',
      "import { StaffDeskService } from './staff-desk.service';",
      'booking/booking-admin.service.ts -> booking/staff-desk.service.ts: a booking case service imports another',
    ],
    [
      'booking/staff-desk.service.ts',
      "import { logRow, newPassCode } from './booking.service';",
      'booking/staff-desk.service.ts -> booking/booking.service.ts: a booking case service imports another',
    ],
  ])('reports %s importing what it must not', (path, source, expected) => {
    const files = new Map(clean).set(path, source);
    expect(boundaryViolations(files)).toEqual([expected]);
  });
});
