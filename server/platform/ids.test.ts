import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('makes UUIDv7 ids that sort in the order they were made, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const at = Date.parse('2026-03-02T02:00:00Z');
    const same = [newId(at), newId(at), newId(at)];
    expect([...same].sort()).toEqual(same);
    expect(newId(at + 1) > (same[2] ?? '')).toBe(true);
    // The first 48 bits are the millisecond it was made in.
    expect(parseInt((same[0] ?? '').replace('-', '').slice(0, 12), 16)).toBe(at);
  });
});
