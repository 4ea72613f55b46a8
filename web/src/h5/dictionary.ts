/** The few strings of the resident pages, zh-CN and en (no i18next on H5). */
import { h5En, h5ZhCN } from './strings.ts';

export type H5Lang = 'zh-CN' | 'en';
export type H5Key = keyof typeof h5ZhCN;

const DICT: Record<H5Lang, Record<H5Key, string>> = { 'zh-CN': h5ZhCN, en: h5En };

/** Looks up a string and fills `{{name}}` placeholders. */
export function h5Text(lang: H5Lang, key: H5Key, params: Record<string, string | number> = {}): string {
  return DICT[lang][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
