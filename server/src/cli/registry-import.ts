import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { RegistryImportRepository } from '../civil-affairs/import/registry-import.repository';
import { RegistryImportService } from '../civil-affairs/import/registry-import.service';
import type { RegistryImportKind } from '../civil-affairs/entities/registry.entities';
import { SystemClock } from '../common/clock';
import { Db } from '../common/db';
import { PiiCipher } from '../common/pii-cipher';
import { loadConfig } from '../config';
import { createDataSource } from '../database/data-source';

// imports a file public security or health handed over into the district copy of the civil-affairs registry:
//   registry:import --kind roster|deaths|moveouts <file.csv|file.xlsx> [--name <name as handed over>]
//   registry:import --approve <import id>          publish a held death / move-out file after checking it
//   registry:import --report <import id> [out.csv] the validation report (stdout when no file)
//   registry:import --list                         recent imports
const USAGE = 'usage: registry:import --kind roster|deaths|moveouts <file> | --approve <id> | --report <id> [out.csv] | --list';
const KINDS: RegistryImportKind[] = ['roster', 'deaths', 'moveouts'];

function arg(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main() {
  const args = process.argv.slice(2);
  const config = loadConfig();
  const ds = await createDataSource(config.db).initialize();
  try {
    if (await ds.showMigrations()) throw new Error('pending migrations: run `pnpm --filter @jianban/server migrate` first');
    const service = new RegistryImportService(new Db(ds), new PiiCipher(config), new RegistryImportRepository(), config, new SystemClock());
    if (args.includes('--list')) {
      for (const i of await service.listImports(50)) {
        process.stdout.write(`${i.id}  ${i.startedAt.toISOString()}  ${i.kind.padEnd(8)} ${i.status.padEnd(9)} ${i.acceptedRows}/${i.totalRows} accepted, ${i.rejectedRows} rejected  ${i.fileName}\n`);
      }
      return;
    }
    const report = arg(args, '--report');
    if (report) return await writeReport(service, report, args[args.indexOf('--report') + 2]);
    const approve = arg(args, '--approve');
    const kind = arg(args, '--kind') as RegistryImportKind | undefined;
    const file = args.find((a, i) => !a.startsWith('--') && !['--kind', '--name'].includes(args[i - 1] ?? ''));
    if (!approve && (!kind || !KINDS.includes(kind) || !file)) throw new Error(USAGE);
    const started = performance.now();
    const summary = approve
      ? await service.approveHeld(approve, 'cli')
      : await service.importFile({ kind: kind!, path: file!, fileName: arg(args, '--name'), actor: 'cli' });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`${JSON.stringify({ ...summary, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(summary.totalRows / seconds), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
    if (summary.status === 'held') process.stdout.write(`held: it would mark more of the roster than CIVIL_AFFAIRS_IMPORT_HOLD_SHARE allows; check the file, then run --approve ${summary.importId}\n`);
    if (summary.status === 'failed') process.exitCode = 1;
  } finally {
    await ds.destroy();
  }
}

async function writeReport(service: RegistryImportService, importId: string, out?: string) {
  if (!(await service.findImport(importId))) throw new Error(`no import ${importId}`);
  const sink = out ? createWriteStream(out) : process.stdout;
  for await (const chunk of service.reportCsv(importId)) if (!sink.write(chunk)) await once(sink, 'drain');
  if (out) await new Promise((resolve) => (sink as ReturnType<typeof createWriteStream>).end(resolve));
  await service.recordDownload(importId, 'cli');
}

main().catch((err) => {
  process.stderr.write(`registry import failed: ${(err as Error).message}\n`);
  process.exit(1);
});
