#!/usr/bin/env node
// After the H5 build: writes a brotli (.br, highest quality) and a gzip (.gz, level 9) twin next to every text file
// worth compressing, so the server sends them as they are (server/src/common/h5-static.ts, `preCompressed`) instead of
// compressing on each request or not at all. A twin that would not be smaller than its file is not written.
//
//   node scripts/precompress.mjs [dir]     (default: $JB_OUT_DIR or dist/h5)
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt']);
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** @returns {{ files: number, bytes: number, br: number, gz: number }} */
export function precompress(dir) {
  const total = { files: 0, bytes: 0, br: 0, gz: 0 };
  for (const path of [...files(dir)]) {
    if (path.endsWith('.br') || path.endsWith('.gz')) continue;
    const size = statSync(path).size;
    if (!COMPRESSIBLE.has(extname(path).toLowerCase()) || size < MIN_BYTES) continue;
    const body = readFileSync(path);
    const br = brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: size, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
    });
    const gz = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
    for (const [ext, out] of [['.br', br], ['.gz', gz]]) {
      // a stale twin from an earlier build into the same directory must not outlive its file
      if (out.length < size) writeFileSync(path + ext, out);
      else try { unlinkSync(path + ext); } catch { /* none */ }
    }
    total.files += 1;
    total.bytes += size;
    total.br += Math.min(br.length, size);
    total.gz += Math.min(gz.length, size);
  }
  return total;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = dirname(dirname(fileURLToPath(import.meta.url)));
  const dir = resolve(process.argv[2] ?? process.env.JB_OUT_DIR ?? join(here, 'dist', 'h5'));
  const t = precompress(dir);
  const kb = (b) => `${Math.round(b / 1024)} KB`;
  console.log(`precompressed ${t.files} files in ${relative(process.cwd(), dir) || '.'}: ${kb(t.bytes)} → brotli ${kb(t.br)}, gzip ${kb(t.gz)}`);
}
