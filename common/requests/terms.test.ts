import { describe, expect, it } from 'vitest';
import { searchTerms } from './terms.ts';

describe('searchTerms', () => {
  it('splits Chinese text into distinct character pairs', () => {
    expect(searchTerms('路灯坏了')).toEqual(['路灯', '灯坏', '坏了']);
    expect(searchTerms('路灯路灯')).toEqual(['路灯', '灯路']);
  });

  it('has no term for a single character, so such a keyword is searched by scanning', () => {
    expect(searchTerms('灯')).toEqual([]);
    expect(searchTerms('')).toEqual([]);
  });

  it('folds ASCII letters only, as both databases compare them', () => {
    expect(searchTerms('WiFi')).toEqual(['wi', 'if', 'fi']);
    expect(searchTerms('ÄB')).toEqual(['Äb']);
  });

  it('counts characters outside the basic plane as one character', () => {
    expect(searchTerms('a😀b')).toEqual(['a😀', '😀b']);
  });
});
