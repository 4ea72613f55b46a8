/**
 * Builds the web app (web/dist) with Vite when it is missing or older than any source file in
 * web/ or common/, or always with --force. `ensureWebBuilt` is called by `lianxin start`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'web', 'dist');
const SKIP = new Set(['node_modules', 'dist', '.vite']);

/** Newest modification time (ms) of any file under `dir`, skipping build output. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** True when web/dist is missing or older than a file in web/, common/ or vite.config.ts. */
export function webBuildIsStale() {
  const index = join(dist, 'index.html');
  if (!existsSync(index) || !existsSync(join(dist, 'h5', 'index.html'))) return true;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(
    newestMtime(join(root, 'web')),
    newestMtime(join(root, 'common')),
    statSync(join(root, 'vite.config.ts')).mtimeMs,
  );
  return sources > built;
}

/** Writes .br and .gz copies of text assets, so the server sends them compressed without work per request. */
async function precompress(dir) {
  const { brotliCompressSync, gzipSync, constants } = await import('node:zlib');
  const { readFileSync, writeFileSync } = await import('node:fs');
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await precompress(path);
    } else if (/\.(js|css|html|svg|json)$/.test(entry.name)) {
      const raw = readFileSync(path);
      if (raw.length < 1024) continue;
      writeFileSync(`${path}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
    }
  }
}

/**
 * Builds web/dist if needed. Returns true when a build ran.
 * @param {{ force?: boolean, quiet?: boolean }} [options]
 */
export async function ensureWebBuilt({ force = false, quiet = false } = {}) {
  if (!force && !webBuildIsStale()) {
    if (!quiet) console.log('web: web/dist is up to date');
    return false;
  }
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  await precompress(dist);
  if (!quiet) console.log(`web: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureWebBuilt({ force: process.argv.includes('--force') }).catch((error) => {
    console.error('web: build failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
