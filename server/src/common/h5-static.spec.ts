import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { cacheControlFor, IMMUTABLE, REVALIDATE, serveH5 } from './h5-static';

@Controller('ping')
class PingController {
  @Get()
  ping() {
    return { ok: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

// a small H5 build: each file with distinct plain, gzip and brotli bodies so the test sees which one was sent
const SCRIPT = `console.log(${JSON.stringify('首屏'.repeat(600))});`;
const INDEX = `<!doctype html><html><head><script src="/js/app.1a2b3c4d.js"></script></head><body>${'<p>简办</p>'.repeat(200)}</body></html>`;

describe('serveH5 (the H5 build: precompressed, cached by kind)', () => {
  let dir: string;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jb-h5-'));
    mkdirSync(join(dir, 'js'));
    const files: Record<string, string> = { 'index.html': INDEX, 'js/app.1a2b3c4d.js': SCRIPT };
    for (const [name, body] of Object.entries(files)) {
      writeFileSync(join(dir, name), body);
      writeFileSync(join(dir, `${name}.br`), brotliCompressSync(body));
      writeFileSync(join(dir, `${name}.gz`), gzipSync(body));
    }
    // no compressed twin: served as is whatever the browser accepts
    writeFileSync(join(dir, 'js/small.9f8e7d6c.js'), 'void 0;');
    writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\n');
    app = await NestFactory.create<NestFastifyApplication>(PingModule, new FastifyAdapter(), { logger: false });
    app.setGlobalPrefix('api');
    await serveH5(app, dir);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the brotli twin to a browser that accepts br, with Content-Encoding and Vary', async () => {
    const res = await get('/js/app.1a2b3c4d.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(String(res.headers['content-type'])).toMatch(/javascript/);
    expect(res.rawPayload.equals(brotliCompressSync(SCRIPT))).toBe(true);
  });

  it('falls back to gzip when br is not accepted', async () => {
    const res = await get('/js/app.1a2b3c4d.js', 'gzip, deflate');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.rawPayload.equals(gzipSync(SCRIPT))).toBe(true);
  });

  it('sends the plain file when no compression is accepted, still varying on Accept-Encoding', async () => {
    const res = await get('/js/app.1a2b3c4d.js');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.body).toBe(SCRIPT);
    const identity = await get('/js/app.1a2b3c4d.js', 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body).toBe(SCRIPT);
  });

  it('sends the plain file when a file has no compressed twin', async () => {
    const res = await get('/js/small.9f8e7d6c.js', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('void 0;');
  });

  it('caches hashed files for a year as immutable, compressed or not', async () => {
    for (const enc of ['br', 'gzip', undefined]) {
      expect((await get('/js/app.1a2b3c4d.js', enc)).headers['cache-control']).toBe(IMMUTABLE);
    }
    expect((await get('/js/small.9f8e7d6c.js')).headers['cache-control']).toBe(IMMUTABLE);
  });

  it('has index.html and unhashed files revalidated, served compressed at / too', async () => {
    const root = await get('/', 'br');
    expect(root.statusCode).toBe(200);
    expect(root.headers['cache-control']).toBe(REVALIDATE);
    expect(root.headers['content-encoding']).toBe('br');
    expect(String(root.headers['content-type'])).toMatch(/text\/html/);
    const index = await get('/index.html', 'gzip');
    expect(index.headers['cache-control']).toBe(REVALIDATE);
    expect(index.headers['content-encoding']).toBe('gzip');
    const robots = await get('/robots.txt');
    expect(robots.headers['cache-control']).toBe(REVALIDATE);
    expect(robots.body).toBe('User-agent: *\n');
  });

  it('leaves /api to the API', async () => {
    const ping = await get('/api/ping', 'br');
    expect(ping.statusCode).toBe(200);
    expect(ping.json()).toEqual({ ok: true });
    expect(ping.headers['cache-control']).toBeUndefined();
    expect((await get('/api/nothing-here')).statusCode).toBe(404);
    expect((await get('/nothing-here.js')).statusCode).toBe(404);
  });

  it('classifies file names by their content hash', () => {
    expect(cacheControlFor('/h5/js/app.1a2b3c4d.js')).toBe(IMMUTABLE);
    expect(cacheControlFor('/h5/css/app.1a2b3c4d.css.br')).toBe(IMMUTABLE);
    expect(cacheControlFor('/h5/static/images/logo.0a1b2c3d4e.png')).toBe(IMMUTABLE);
    expect(cacheControlFor('/h5/index.html')).toBe(REVALIDATE);
    expect(cacheControlFor('/h5/index.html.gz')).toBe(REVALIDATE);
    expect(cacheControlFor('/h5/js/app.js')).toBe(REVALIDATE);
  });

  it('does nothing without a build', async () => {
    const bare = await NestFactory.create<NestFastifyApplication>(PingModule, new FastifyAdapter(), { logger: false });
    await serveH5(bare, join(dir, 'missing'));
    await serveH5(bare, undefined);
    await bare.init();
    expect((await bare.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
    await bare.close();
  });
});
