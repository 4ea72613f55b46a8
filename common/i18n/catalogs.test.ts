import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors/codes.ts';
import { en } from './en.ts';
import { webEn } from './web-en.ts';
import { webZhCN } from './web-zh-CN.ts';
import { zhCN } from './zh-CN.ts';

/** Every leaf key of a nested catalog, dotted. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('catalogs', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('the web catalogs have exactly the same keys', () => {
    expect(keys(webEn).sort()).toEqual(keys(webZhCN).sort());
  });

  it('every error code has a message in both languages', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(zhCN.errors[code], code).toMatch(/\S/);
      expect(en.errors[code], code).toMatch(/\S/);
    }
  });

  it('no catalog leaves a message empty (but English counting units, which English does not have)', () => {
    for (const catalog of [zhCN, en, webZhCN]) {
      const empty = keys(catalog).filter((k) => {
        const v = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], catalog);
        return typeof v !== 'string' || v.trim() === '';
      });
      expect(empty).toEqual([]);
    }
    expect(webEn.home.unit).toEqual({ count: '', person: '' });
  });
});
