/** i18next set-up: the shared catalogs (errors, validation, fields) merged with the web UI strings. */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../../../common/i18n/en.ts';
import { webEn } from '../../../common/i18n/web-en.ts';
import { webZhCN } from '../../../common/i18n/web-zh-CN.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { setApiLanguage } from './api.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

export type AppLang = 'zh-CN' | 'en';
const STORAGE_KEY = 'lianxin.lang';

/** The language chosen earlier on this device, or zh-CN. */
export function storedLang(): AppLang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLang(lang: AppLang): void {
  setApiLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
}

const initial = storedLang();
applyLang(initial);

type Catalog = { [key: string]: string | Catalog };

/** The server catalog with the web's keys laid over it, section by section (the web adds, rarely rewords). */
function merged(base: object, web: object): Catalog {
  const out: Catalog = { ...(base as Catalog) };
  for (const [key, value] of Object.entries(web as Catalog)) {
    const under = out[key];
    out[key] = typeof value === 'object' && typeof under === 'object' ? merged(under, value) : value;
  }
  return out;
}

void i18next.use(initReactI18next).init({
  lng: initial,
  fallbackLng: 'zh-CN',
  resources: {
    'zh-CN': { translation: merged(zhCN, webZhCN) },
    en: { translation: merged(en, webEn) },
  },
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the UI language and remembers it on this device. */
export async function changeLang(lang: AppLang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  applyLang(lang);
  await i18next.changeLanguage(lang);
}

export { i18next };
