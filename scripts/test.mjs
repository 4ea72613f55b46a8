#!/usr/bin/env node
/**
 * `npm test`: the whole suite, in order —
 *   1. typecheck and lint (zero warnings);
 *   2. unit + HTTP tests on SQLite;
 *   3. the same tests on PostgreSQL when TEST_DATABASE_URL is set;
 *   4. browser journeys when Chromium is present (the demo town served on a free port).
 * Prints one closing line: "Lianxin: N passed, N failed[, N skipped]".
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = path.join(root, 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, command, args, env = {}) {
  process.stdout.write(`\n=== ${title}\n`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.status !== 0) {
    broken = true;
    process.stdout.write(`=== ${title}: FAILED (exit ${run.status})\n`);
  }
  return run.status === 0;
}

function vitest(title, args, env = {}) {
  const report = path.join(resultsDir, `${title.replace(/\W+/g, '-')}.json`);
  fs.rmSync(report, { force: true });
  step(
    title,
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    env,
  );
  if (!fs.existsSync(report)) {
    broken = true;
    return;
  }
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  totals.passed += json.numPassedTests ?? 0;
  totals.failed += json.numFailedTests ?? 0;
  totals.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  if ((json.numTotalTests ?? 0) === 0) {
    broken = true;
    process.stdout.write(`=== ${title}: no test ran\n`);
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

async function waitFor(url, child, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (child.exitCode !== null) return false;
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function findChromium() {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** A fresh PostgreSQL schema for the journeys' server; returns its URL and a function that drops it. */
async function journeySchema(url) {
  const { default: pg } = await import('pg');
  const schema = `e2e_${Math.random().toString(16).slice(2, 10)}`;
  const run = async (statement) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create schema ${schema}`);
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return {
    url: `${url}${url.includes('?') ? '&' : '?'}options=${options}`,
    drop: () => run(`drop schema ${schema} cascade`),
  };
}

/** The journeys against a fresh demo server on SQLite, or on PostgreSQL when `databaseUrl` is given. */
async function browserJourneys(databaseUrl = null) {
  const label = databaseUrl ? 'browser journeys on PostgreSQL' : 'browser journeys on SQLite';
  const chromium = findChromium();
  if (!chromium) {
    process.stdout.write(
      '\n=== browser journeys: Chromium not found, not run (apt-get install chromium fonts-wqy-zenhei)\n',
    );
    return;
  }
  const { ensureWebBuilt } = await import('./build-web.mjs');
  await ensureWebBuilt({});
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-'));
  const schema = databaseUrl ? await journeySchema(databaseUrl) : null;
  const log = fs.openSync(path.join(resultsDir, 'e2e-server.log'), 'w');
  const server = spawn(process.execPath, [path.join(root, 'bin', 'lianxin.mjs'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LIANXIN_DATA_DIR: dataDir,
      DATABASE_URL: schema ? schema.url : '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', log, log],
  });
  try {
    if (!(await waitFor(`http://127.0.0.1:${port}/api/health`, server, 90))) {
      broken = true;
      process.stdout.write(`=== ${label}: the server did not start; see test-results/e2e-server.log\n`);
      return;
    }
    vitest(label, ['--config', 'e2e/vitest.config.ts'], {
      E2E_BASE_URL: `http://127.0.0.1:${port}`,
      CHROMIUM_PATH: chromium,
    });
  } finally {
    server.kill('SIGTERM');
    if (server.exitCode === null) await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
    await schema?.drop();
  }
}

const only = process.argv[2];
if (!only || only === 'static') {
  step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  step('typecheck (web)', bin('tsc'), ['-p', 'web/tsconfig.json', '--noEmit']);
  step('lint', bin('eslint'), ['.', '--max-warnings', '0']);
  step('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
}
if (!only || only === 'sqlite') vitest('tests on SQLite', [], { TEST_DB: 'sqlite' });
if (!only || only === 'postgres') {
  if (process.env.TEST_DATABASE_URL) vitest('tests on PostgreSQL', [], { TEST_DB: 'postgres' });
  else process.stdout.write('\n=== tests on PostgreSQL: TEST_DATABASE_URL not set, not run\n');
}
if (!only || only === 'e2e') {
  await browserJourneys();
  if (process.env.TEST_DATABASE_URL) await browserJourneys(process.env.TEST_DATABASE_URL);
}

process.stdout.write(
  `\nLianxin: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`,
);
process.exit(broken || totals.failed > 0 ? 1 : 0);
