import { describe, expect, it } from 'vitest';
import {
  idNumberCheckChar,
  idNumberFacts,
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskMobile,
  normaliseMobile,
} from './identity.ts';

const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);

describe('isValidIdNumber', () => {
  it('accepts a number whose check character matches', () => {
    const id = withCheck('36012119900101123');
    expect(isValidIdNumber(id)).toBe(true);
    expect(idNumberFacts(id)).toEqual({ birthDate: '1990-01-01', gender: 'male' });
  });

  it('refuses a wrong check character', () => {
    const id = withCheck('36012119900101123');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(isValidIdNumber(wrong)).toBe(false);
  });

  it('refuses an impossible or future birth date', () => {
    expect(isValidIdNumber(withCheck('36012119990230123'))).toBe(false);
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(isValidIdNumber(withCheck(`360121${nextYear}0101123`))).toBe(false);
  });

  it('accepts an X check character, in either case', () => {
    // Find a sequence whose check character is X.
    const first17 = Array.from({ length: 1000 }, (_, i) => `36012119800517${String(i).padStart(3, '0')}`).find(
      (f) => idNumberCheckChar(f) === 'X',
    );
    expect(first17).toBeDefined();
    expect(isValidIdNumber(`${first17}X`)).toBe(true);
    expect(isValidIdNumber(`${first17}x`)).toBe(true);
    expect(isValidIdNumber(`${first17}0`)).toBe(false);
  });

  it('refuses wrong lengths and letters', () => {
    expect(isValidIdNumber('3601211990010112')).toBe(false);
    expect(isValidIdNumber('36012119900101123A')).toBe(false);
  });
});

describe('mobile numbers', () => {
  it('validates mainland numbers', () => {
    expect(isValidMobile('13812341234')).toBe(true);
    expect(isValidMobile('12812341234')).toBe(false);
    expect(isValidMobile('1381234123')).toBe(false);
  });

  it('normalises +86, spaces and dashes', () => {
    expect(normaliseMobile('+86 138 1234 1234')).toBe('13812341234');
    expect(normaliseMobile('86-138-1234-1234')).toBe('13812341234');
    expect(normaliseMobile('138 1234 1234')).toBe('13812341234');
  });
});

describe('masks', () => {
  it('masks a mobile as 138****1234', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskMobile(null)).toBeNull();
    expect(maskMobile('12345')).toBe('***45');
  });

  it('masks an ID number as 3601**********1234', () => {
    expect(maskIdNumber('360121199001011234')).toBe('3601**********1234');
    expect(maskIdNumber(undefined)).toBeNull();
    expect(maskIdNumber('1234')).toBe('****');
  });
});
