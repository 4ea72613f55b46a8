/** Record ids and timestamps. */
import { randomBytes } from 'node:crypto';

/** A UUIDv7: time-ordered, so new rows land at the end of the primary-key index. */
export function newId(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Now, as stored: ISO-8601 UTC. */
export const nowIso = (): string => new Date().toISOString();

/** Converts a local Asia/Shanghai date (YYYY-MM-DD) to the UTC instant of its start. */
export function shanghaiDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}
