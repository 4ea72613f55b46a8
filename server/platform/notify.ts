/**
 * Notifications, written in the caller's transaction so they exist exactly when the change they
 * announce does: in-app notices for staff, and SMS to residents through the outbox.
 */
import type { Kysely, Transaction } from 'kysely';
import { maskMobile } from '../../common/privacy/identity.ts';
import type { DB } from '../db/schema.ts';
import type { Sealer } from './crypto.ts';
import { newId, nowIso } from './ids.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** An in-app notice. */
export interface NoticeInput {
  /** Machine kind, e.g. `request.dispatched`, for the UI's icon and filters. */
  kind: string;
  /** One line shown in the list. */
  title: string;
  body?: string | null;
  /** An in-app path, e.g. `/requests/<id>`. */
  link?: string | null;
}

/** Adds one notice per distinct user; returns how many were written. */
export async function notifyUsers(db: Db, townId: string, userIds: string[], n: NoticeInput): Promise<number> {
  const users = [...new Set(userIds.filter(Boolean))];
  if (users.length === 0) return 0;
  const now = nowIso();
  await db
    .insertInto('notifications')
    .values(
      users.map((userId) => ({
        town_id: townId,
        id: newId(),
        user_id: userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        link: n.link ?? null,
        created_at: now,
        read_at: null,
      })),
    )
    .execute();
  return users.length;
}

/** An SMS to queue. */
export interface SmsInput {
  townId: string;
  /** The recipient's mobile number, normalised (11 digits); stored encrypted. */
  to: string;
  body: string;
  /** What it is about, e.g. a request code; kept for support, never personal data. */
  ref?: string | null;
}

/**
 * Queues an SMS in the outbox: the number encrypted, a mask for support screens, due now.
 * The outbox worker sends it after the transaction commits; returns the outbox row id.
 */
export async function queueSms(db: Db, sealer: Sealer, sms: SmsInput): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('outbox')
    .values({
      town_id: sms.townId,
      id,
      channel: 'sms',
      to_enc: sealer.encrypt(sms.to),
      to_mask: maskMobile(sms.to) ?? '**',
      body: sms.body,
      ref: sms.ref ?? null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .execute();
  return id;
}
