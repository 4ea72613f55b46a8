import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestContext, createTestApp, makeTown } from '../test/harness.ts';
import { queueSms } from './notify.ts';
import {
  HttpSender,
  LogSender,
  MAX_ATTEMPTS,
  deliverDueOutbox,
  retryDelayMs,
  senderFromEnv,
  startOutboxWorker,
} from './outbox.ts';

let t: TestContext;
let townId: string;
let server: http.Server;
let url: string;
/** What the fake gateway answers, and what it received. */
let answer = 200;
let delayMs = 0;
let received: { body: { to: string; body: string }; auth: string | undefined }[] = [];

const MOBILE = '13812345678';
const deps = () => ({ db: t.database.db, sealer: t.sealer });
const later = (ms: number) => new Date(Date.now() + ms);
const rowOf = (id: string) =>
  t.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const queue = (body = '您的诉求 YL-20261124-0001 已受理') =>
  queueSms(t.database.db, t.sealer, { townId, to: MOBILE, body, ref: 'YL-20261124-0001' });

beforeAll(async () => {
  t = await createTestApp();
  townId = (await makeTown(t)).id;
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), auth: req.headers.authorization });
      setTimeout(() => res.writeHead(answer, { 'content-type': 'application/json' }).end('{"ok":true}'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});
beforeEach(async () => {
  await t.database.db.deleteFrom('outbox').execute();
  answer = 200;
  delayMs = 0;
  received = [];
});

describe('queueSms', () => {
  it('stores the number encrypted with a mask, pending and due now, in the caller transaction', async () => {
    const id = await queue();
    const row = await rowOf(id);
    expect(row).toMatchObject({
      town_id: townId,
      channel: 'sms',
      to_mask: '138****5678',
      status: 'pending',
      attempts: 0,
      ref: 'YL-20261124-0001',
      last_error: null,
      sent_at: null,
    });
    expect(row.to_enc).not.toContain(MOBILE);
    expect(t.sealer.decrypt(row.to_enc)).toBe(MOBILE);
    expect(Date.parse(row.next_attempt_at)).toBeLessThanOrEqual(Date.now());
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await queueSms(trx, t.sealer, { townId, to: MOBILE, body: '回滚' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await t.database.db.selectFrom('outbox').select('id').execute()).toHaveLength(1);
  });
});

describe('deliverDueOutbox with HttpSender', () => {
  it('posts {to, body} with the bearer token and marks the row sent', async () => {
    const id = await queue();
    const result = await deliverDueOutbox(deps(), new HttpSender(url, 'secret-token'), later(1000));
    expect(result).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(received).toEqual([
      { body: { to: MOBILE, body: '您的诉求 YL-20261124-0001 已受理' }, auth: 'Bearer secret-token' },
    ]);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row.sent_at).toEqual(expect.any(String));
    expect(await deliverDueOutbox(deps(), new HttpSender(url), later(3600_000))).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(received).toHaveLength(1);
  });

  it('leaves a row that is not due yet', async () => {
    const id = await queue();
    await t.database.db
      .updateTable('outbox')
      .set({ next_attempt_at: later(60_000).toISOString() })
      .execute();
    expect((await deliverDueOutbox(deps(), new HttpSender(url))).sent).toBe(0);
    expect((await rowOf(id)).status).toBe('pending');
  });

  it('schedules a retry with attempts 1 and the error message after a 500, and sends it when due', async () => {
    const id = await queue();
    answer = 500;
    const now = later(1000);
    expect(await deliverDueOutbox(deps(), new HttpSender(url), now)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const row = await rowOf(id);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'SMS gateway answered HTTP 500',
      sent_at: null,
    });
    expect(row.next_attempt_at).toBe(new Date(now.getTime() + 60_000).toISOString());
    expect(row.last_error).not.toContain(MOBILE);
    // Not again before the retry time …
    expect((await deliverDueOutbox(deps(), new HttpSender(url), new Date(now.getTime() + 30_000))).retried).toBe(0);
    // … then it goes through.
    answer = 200;
    expect((await deliverDueOutbox(deps(), new HttpSender(url), new Date(now.getTime() + 61_000))).sent).toBe(1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('backs off exponentially up to an hour and gives up after 8 failures', async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => retryDelayMs(a) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    const id = await queue();
    answer = 503;
    let now = later(1000);
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const r = await deliverDueOutbox(deps(), new HttpSender(url), now);
      expect(r, `attempt ${i}`).toEqual(
        i < MAX_ATTEMPTS ? { sent: 0, retried: 1, failed: 0 } : { sent: 0, retried: 0, failed: 1 },
      );
      now = new Date(now.getTime() + 2 * 3600_000);
    }
    expect(await rowOf(id)).toMatchObject({
      status: 'failed',
      attempts: 8,
      last_error: 'SMS gateway answered HTTP 503',
    });
    expect(received).toHaveLength(8);
    expect(await deliverDueOutbox(deps(), new HttpSender(url), now)).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('records an unreachable gateway as a failed attempt', async () => {
    const id = await queue();
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect((await deliverDueOutbox(deps(), new HttpSender(`http://127.0.0.1:${port}/`), later(1000))).retried).toBe(1);
    expect(await rowOf(id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'fetch failed' });
  });

  it('sends each row once when two runs race, and re-sends a row whose lease ran out', async () => {
    const ids = [await queue('一'), await queue('二'), await queue('三')];
    delayMs = 30;
    const now = later(1000);
    const [a, b] = await Promise.all([
      deliverDueOutbox(deps(), new HttpSender(url), now),
      deliverDueOutbox(deps(), new HttpSender(url), now),
    ]);
    expect(a.sent + b.sent).toBe(3);
    expect(received.map((r) => r.body.body).sort()).toEqual(['一', '三', '二'].sort());
    for (const id of ids) expect((await rowOf(id)).status).toBe('sent');

    // A process that claimed a row and died: the row stays `sending` until its lease ends.
    const stuck = await queue('四');
    const leaseEnd = later(5 * 60_000);
    await t.database.db
      .updateTable('outbox')
      .set({ status: 'sending', attempts: 1, next_attempt_at: leaseEnd.toISOString() })
      .where('id', '=', stuck)
      .execute();
    expect((await deliverDueOutbox(deps(), new HttpSender(url), later(60_000))).sent).toBe(0);
    expect((await deliverDueOutbox(deps(), new HttpSender(url), new Date(leaseEnd.getTime() + 1))).sent).toBe(1);
    expect(await rowOf(stuck)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('LogSender, senderFromEnv and the worker', () => {
  const capture = () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    return { logger, lines };
  };

  it('logs only the masked number and the length, never the number or the text', async () => {
    const { logger, lines } = capture();
    const id = await queue('张三您好，验证码 4321');
    expect((await deliverDueOutbox(deps(), new LogSender(logger), later(1000))).sent).toBe(1);
    expect((await rowOf(id)).status).toBe('sent');
    const out = lines.join('');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ to: '138****5678', chars: 13 });
    expect(out).not.toContain(MOBILE);
    expect(out).not.toContain('12345678');
    expect(out).not.toContain('张三');
    expect(out).not.toContain('4321');
  });

  it('picks HttpSender when SMS_HTTP_URL is set, else LogSender', () => {
    const { logger } = capture();
    expect(senderFromEnv({}, logger)).toBeInstanceOf(LogSender);
    expect(senderFromEnv({ SMS_HTTP_URL: ' ' }, logger)).toBeInstanceOf(LogSender);
    expect(senderFromEnv({ SMS_HTTP_URL: url, SMS_HTTP_TOKEN: 'x' }, logger)).toBeInstanceOf(HttpSender);
  });

  it('the worker sends on its interval and stops', async () => {
    const { logger, lines } = capture();
    const id = await queue();
    const stop = startOutboxWorker(deps(), new HttpSender(url), logger, 20);
    for (let i = 0; i < 100 && (await rowOf(id)).status !== 'sent'; i++) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect((await rowOf(id)).status).toBe('sent');
    expect(lines.join('')).toContain('"sent":1');
    expect(lines.join('')).not.toContain(MOBILE);
    const after = await queue();
    await new Promise((r) => setTimeout(r, 80));
    expect((await rowOf(after)).status).toBe('pending');
  });
});
