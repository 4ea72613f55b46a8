/** Record ids and timestamps. */
import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 4 KB at a time: one call into the generator per 256 ids, not one per id. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function random16(): Buffer {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += 16;
  return Buffer.from(pool.subarray(poolAt - 16, poolAt));
}

let lastMs = -1;
/** Bytes 6–8 of the last id (version and the high random bits), kept within one millisecond. */
let lastHead = Buffer.alloc(3);
let lastTail = 0n;
/** The low 56 random bits; a fresh value leaves room to count up within one millisecond. */
const TAIL_BITS = 56n;

/**
 * A UUIDv7: time-ordered, so new rows land at the end of the primary-key index. Ids made in the
 * same millisecond count up from the previous one (RFC 9562 §6.2, method 2), so two timeline
 * entries written together keep the order they were made in.
 */
export function newId(now = Date.now()): string {
  const bytes = random16();
  if (now === lastMs) {
    lastHead.copy(bytes, 6);
    lastTail = (lastTail + 1n) & ((1n << TAIL_BITS) - 1n);
  } else {
    lastMs = now;
    lastHead = Buffer.from(bytes.subarray(6, 9));
    lastTail = BigInt(`0x${bytes.subarray(9, 16).toString('hex')}`) >> 1n;
  }
  bytes.write(lastTail.toString(16).padStart(14, '0'), 9, 'hex');
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
