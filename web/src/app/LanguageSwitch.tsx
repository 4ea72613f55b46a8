/** 中文 / English switch: one tap, state always visible; remembered on the device and, when signed in, on the account. */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from './api.ts';
import { changeLang, type AppLang } from './i18n.ts';

export function LanguageSwitch({ signedIn = false }: { signedIn?: boolean }) {
  const { i18n, t } = useTranslation();
  return (
    <Segmented<AppLang>
      aria-label={t('app.language')}
      data-testid="language-switch"
      size="small"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      onChange={async (lang) => {
        await changeLang(lang);
        if (signedIn) await api('/api/auth/locale', { method: 'PUT', body: { locale: lang } }).catch(() => undefined);
      }}
    />
  );
}
