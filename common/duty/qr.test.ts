import { describe, expect, it } from 'vitest';
import { qrMatrix, qrPath } from './qr.ts';

describe('qrMatrix', () => {
  it('sizes the symbol by the text and draws the finder patterns', () => {
    expect(qrMatrix('hi')).toHaveLength(21);
    const m = qrMatrix(`https://example.cn/h5/#/duty/checkin?ws=${'0'.repeat(36)}`);
    expect(m.length).toBe(37); // version 5
    const row0 = (m[0] ?? []).slice(0, 7);
    expect(row0).toEqual([true, true, true, true, true, true, true]);
    expect(m[6]?.[8 + 0]).toBe(true); // timing pattern starts dark at (8, 6)
    expect(qrPath([[true]], 1)).toBe('M1,1h1v1h-1z');
  });

  it('writes level-M format information (BCH code, XOR mask 101010000010010 family)', () => {
    const m = qrMatrix('hi');
    // Format bits around the top-left finder: bits 0–5 down column 8, then 7, 8; 14..9 along row 8.
    const bits: number[] = [];
    for (let i = 0; i <= 5; i++) bits.push(m[i]?.[8] ? 1 : 0);
    bits.push(m[7]?.[8] ? 1 : 0, m[8]?.[8] ? 1 : 0, m[8]?.[7] ? 1 : 0);
    for (let i = 9; i < 15; i++) bits.push(m[8]?.[14 - i] ? 1 : 0);
    const value = bits.reduce((a, b, i) => a | (b << i), 0) ^ 0x5412;
    expect(value >>> 13).toBe(0); // level M
    // The 10 low bits are the BCH remainder of the 5 high bits.
    let rem = value >>> 10;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    expect(value & 0x3ff).toBe(rem & 0x3ff);
  });
});
