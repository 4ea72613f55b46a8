/**
 * The SMS outbox: rows are committed with the business change (`queueSms`), and this worker sends
 * them afterwards, so a crash loses nothing. Delivery is at least once: a process that dies
 * between the gateway's answer and marking the row sent leaves it to be sent again after its lease.
 */
import type { Kysely } from 'kysely';
import type { BaseLogger } from 'pino';
import { maskMobile } from '../../common/privacy/identity.ts';
import type { DB } from '../db/schema.ts';
import type { Sealer } from './crypto.ts';

/** Sends one text message; throws when the gateway did not take it. */
export interface SmsSender {
  send(to: string, body: string): Promise<void>;
}

/** What the outbox needs of the app's dependencies. */
export interface OutboxDeps {
  db: Kysely<DB>;
  sealer: Sealer;
}

type Logger = Pick<BaseLogger, 'info' | 'warn' | 'error'>;

/** Rows claimed per run. */
export const OUTBOX_BATCH = 50;
/** After this many failed attempts a message is given up (`failed`). */
export const MAX_ATTEMPTS = 8;
/** How long a claimed (`sending`) row is reserved before another run may take it again. */
export const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 3600_000;
const HTTP_TIMEOUT_MS = 10_000;

/** Wait before the next try after `attempts` failures: 1, 2, 4 … minutes, at most 1 hour. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, attempts - 1));

/** The default when no gateway is configured: logs that a message would go out, never its number or text. */
export class LogSender implements SmsSender {
  constructor(private readonly logger: Logger) {}

  async send(to: string, body: string): Promise<void> {
    this.logger.info({ to: maskMobile(to), chars: body.length }, 'sms not sent: no gateway configured');
  }
}

/** POSTs `{to, body}` as JSON to an SMS gateway (optionally with a bearer token); non-2xx throws. */
export class HttpSender implements SmsSender {
  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {}

  async send(to: string, body: string): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ to, body }),
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    // Read the answer so the connection is released; its content is not needed.
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`SMS gateway answered HTTP ${res.status}`);
  }
}

/** HttpSender when `SMS_HTTP_URL` is set (with `SMS_HTTP_TOKEN` as bearer, if any), else LogSender. */
export function senderFromEnv(env: Record<string, string | undefined>, logger: Logger): SmsSender {
  const url = env.SMS_HTTP_URL?.trim();
  if (url) return new HttpSender(url, env.SMS_HTTP_TOKEN?.trim() || undefined);
  return new LogSender(logger);
}

/** The error's message only: never a stack, and senders put no number or text in it. */
const errorText = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 500) || 'error';

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends what is due: `pending` rows whose time has come, and `sending` rows whose lease ran out
 * (a process died mid-send). Each row is claimed with a compare-and-set update before it is sent,
 * so two processes never send the same row in the same lease; the claim counts as an attempt, so
 * a message that crashes the sender is still given up after MAX_ATTEMPTS.
 */
export async function deliverDueOutbox(
  deps: OutboxDeps,
  sender: SmsSender,
  now: Date = new Date(),
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  const nowIso = now.toISOString();
  const due = await deps.db
    .selectFrom('outbox')
    .select(['town_id', 'id', 'status', 'attempts', 'next_attempt_at', 'to_enc', 'body'])
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', nowIso)
    .orderBy('next_attempt_at')
    .limit(OUTBOX_BATCH)
    .execute();

  const update = () => deps.db.updateTable('outbox');
  for (const row of due) {
    const key = (q: ReturnType<typeof update>) => q.where('town_id', '=', row.town_id).where('id', '=', row.id);
    const attempts = row.attempts + 1;
    if (attempts > MAX_ATTEMPTS) {
      // Interrupted on its last attempt: give it up rather than try a ninth time.
      await key(update().set({ status: 'failed', last_error: 'interrupted' }))
        .where('status', '=', row.status)
        .where('attempts', '=', row.attempts)
        .execute();
      result.failed++;
      continue;
    }
    const claimed = await key(
      update().set({
        status: 'sending',
        attempts,
        next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString(),
      }),
    )
      .where('status', '=', row.status)
      .where('attempts', '=', row.attempts)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue; // another process has it
    const mine = (q: ReturnType<typeof update>) =>
      key(q).where('status', '=', 'sending').where('attempts', '=', attempts);
    try {
      await sender.send(deps.sealer.decrypt(row.to_enc), row.body);
      await mine(update().set({ status: 'sent', sent_at: new Date().toISOString(), last_error: null })).execute();
      result.sent++;
    } catch (error) {
      const giveUp = attempts >= MAX_ATTEMPTS;
      await mine(
        update().set({
          status: giveUp ? 'failed' : 'pending',
          last_error: errorText(error),
          next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
        }),
      ).execute();
      if (giveUp) result.failed++;
      else result.retried++;
    }
  }
  return result;
}

/**
 * Runs `deliverDueOutbox` every `intervalMs` (never two runs at once; the timer does not keep the
 * process alive). Returns `stop`, which waits for a run in progress.
 */
export function startOutboxWorker(
  deps: OutboxDeps,
  sender: SmsSender,
  logger: Logger,
  intervalMs = 15_000,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = deliverDueOutbox(deps, sender)
      .then((r) => {
        if (r.sent || r.retried || r.failed) logger.info(r, 'sms outbox delivered');
      })
      .catch((error: unknown) => {
        logger.error({ err: errorText(error) }, 'sms outbox run failed');
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
