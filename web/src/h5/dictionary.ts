/** The few strings of the resident pages, zh-CN and en (no i18next on H5). English loads on demand. */
import { h5ZhCN } from './strings.ts';

export type H5Lang = 'zh-CN' | 'en';
export type H5Key = keyof typeof h5ZhCN;

let english: typeof h5ZhCN | null = null;

/** Loads the English strings (a separate small file) before they are first shown. */
export async function loadLang(lang: H5Lang): Promise<void> {
  if (lang === 'en' && !english) english = (await import('./strings-en.ts')).h5En;
}

/** Looks up a string and fills `{{name}}` placeholders; Chinese until English has loaded. */
export function h5Text(lang: H5Lang, key: H5Key, params: Record<string, string | number> = {}): string {
  const dict = lang === 'en' && english ? english : h5ZhCN;
  return dict[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A bound lookup for one language, passed to the views. */
export type Tr = (key: H5Key, params?: Record<string, string | number>) => string;
