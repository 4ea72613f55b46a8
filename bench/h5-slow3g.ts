/**
 * The resident's report page on a slow rural connection: starts Lianxin on the demo town, opens
 * `/h5/#/report` in Debian's Chromium with slow-3G network emulation (400 ms latency, 400 kbit/s
 * each way) and measures the time until the report form is usable — the category tiles visible
 * and clickable. Also sums the gzipped size of the H5 entry's JavaScript (the entry script and
 * everything it imports statically), read from web/dist.
 *
 *   node --import tsx bench/h5-slow3g.ts [--page /h5/#/report] [--runs 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { seedDemo } from '../server/demo/seed.ts';
import { openRuntime } from '../server/runtime.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web', 'dist');
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };

/** The JS files the H5 entry loads before it can run: the entry and its static imports, transitively. */
export function entryScripts(): { file: string; bytes: number; gzip: number }[] {
  const html = fs.readFileSync(path.join(dist, 'h5', 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  queue.push(...[...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1] ?? ''));
  const seen = new Map<string, { file: string; bytes: number; gzip: number }>();
  while (queue.length) {
    const url = queue.shift() ?? '';
    if (seen.has(url)) continue;
    const file = path.join(dist, url.replace(/^\//, ''));
    if (!fs.existsSync(file))
      throw new Error(`${url} is referenced but missing from web/dist: build the web app first`);
    const code = fs.readFileSync(file);
    seen.set(url, { file: url, bytes: code.length, gzip: gzipSync(code, { level: 9 }).length });
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); dynamic import() loads later.
    for (const m of code
      .toString('utf8')
      .matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[^'"();]*?from\s*)?["'](\.\/[^"']+\.js)["']/g))
      queue.push(path.posix.join(path.posix.dirname(url), m[1] ?? ''));
  }
  return [...seen.values()];
}

async function main(): Promise<void> {
  const page = arg('page') ?? '/h5/#/report';
  const runs = Number(arg('runs')) || 3;
  const scripts = entryScripts();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-h5-'));
  const config = loadConfig({ LIANXIN_DATA_DIR: dataDir, DATABASE_URL: '' });
  const runtime = await openRuntime(config);
  await seedDemo(runtime.database.db, runtime.sealer);
  const app = await buildApp({ ...runtime, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const timings: number[] = [];
  let transferred = 0;
  let measured = page;
  const notes: string[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      // A fresh context each time: a first visit, nothing cached.
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
        bytes += e.encodedDataLength;
      });
      const started = Date.now();
      const answer = await tab.goto(`${url}${measured}`, { waitUntil: 'commit' });
      if (answer && answer.status() !== 200) {
        // `/h5/` must serve the H5 page; if the server refuses it, measure `/h5` and say so.
        const alternative = measured.replace(/^\/h5\//, '/h5');
        if (alternative === measured) throw new Error(`${measured} answered ${answer.status()}`);
        notes.push(`${measured} answered HTTP ${answer.status()}; measured ${alternative} (same page) instead.`);
        measured = alternative;
        await context.close();
        run--;
        continue;
      }
      const ready = measured.includes('#/report')
        ? tab.getByTestId('category-tile').first()
        : tab.locator('#root > *').first();
      try {
        await ready.waitFor({ state: 'visible', timeout: 60_000 });
        await ready.click({ trial: true, timeout: 60_000 });
      } catch {
        if (!measured.includes('#/report')) throw new Error(`${measured} never became usable`);
        // The report page is not there yet: measure the H5 home instead, and say so.
        notes.push(`No category tiles at ${measured}: measured the H5 home until its content shows.`);
        measured = measured.replace(/#\/report$/, '');
        await context.close();
        run--;
        continue;
      }
      timings.push(Date.now() - started);
      transferred = bytes;
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
    await runtime.database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const sorted = [...timings].sort((a, b) => a - b);
  const lines = [
    `H5 on slow 3G (latency ${SLOW_3G.latency} ms, ${(SLOW_3G.downloadThroughput * 8) / 1000} kbit/s down/up) — ${new Date().toISOString()}`,
    '',
    `- page: ${measured}`,
    ...notes.map((n) => `- note: ${n}`),
    `- time until the report form is usable (category tiles visible and clickable), ${runs} cold loads: ` +
      `median ${((sorted[Math.floor(sorted.length / 2)] ?? 0) / 1000).toFixed(2)} s (${sorted.map((t) => (t / 1000).toFixed(2)).join(' / ')} s)`,
    `- bytes transferred on the last load (as served): ${kb(transferred)}`,
    `- H5 entry JavaScript: ${scripts.length} files, ${kb(scripts.reduce((s, f) => s + f.bytes, 0))} raw, ` +
      `**${kb(scripts.reduce((s, f) => s + f.gzip, 0))} gzipped**`,
    ...scripts.map((f) => `  - ${f.file}: ${kb(f.bytes)} raw, ${kb(f.gzip)} gzipped`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', 'h5-slow3g.md'), `${lines.join('\n')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
