/** The catalogs and a tiny lookup usable on the server (the web uses i18next over the same data). */
import { en } from './en.ts';
import { zhCN, type Catalog } from './zh-CN.ts';

export const catalogs = { 'zh-CN': zhCN, en } as const;
export type Lang = keyof typeof catalogs;
export type { Catalog };

/** Picks zh-CN or en from an Accept-Language header or a stored preference. */
export function pickLang(value: string | null | undefined): Lang {
  if (!value) return 'zh-CN';
  const first = value.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** Looks up a dotted key (`errors.NOT_FOUND`) and fills `{{name}}` placeholders. */
export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = catalogs[lang];
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  const template = typeof node === 'string' ? node : key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
