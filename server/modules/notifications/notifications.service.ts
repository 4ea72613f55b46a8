/** The caller's own in-app notices: listing and marking read. Nothing here reaches another user's. */
import type { z } from 'zod';
import type { NotificationList } from '../../../common/requests/schemas.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { latestNotifications, markAllRead, markRead, unreadCount } from './notifications.repo.ts';

export async function list(ctx: Ctx): Promise<z.infer<typeof NotificationList>> {
  const { townId, userId } = ctx.actor;
  const [rows, unread] = await Promise.all([
    latestNotifications(ctx.db, townId, userId),
    unreadCount(ctx.db, townId, userId),
  ]);
  return {
    unread,
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: n.created_at,
      readAt: n.read_at,
    })),
  };
}

/** Marks one notice read; another user's (or another town's) is NOT_FOUND. */
export async function read(ctx: Ctx, id: string): Promise<{ ok: true }> {
  if (!(await markRead(ctx.db, ctx.actor.townId, ctx.actor.userId, id, nowIso()))) throw notFound();
  return { ok: true };
}

export async function readAll(ctx: Ctx): Promise<{ ok: true }> {
  await markAllRead(ctx.db, ctx.actor.townId, ctx.actor.userId, nowIso());
  return { ok: true };
}
