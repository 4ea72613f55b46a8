/** Resident pages: home (workstations), report, track and public figures, behind a bottom tab bar. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { h5Text, loadLang, type H5Lang, type Tr } from './dictionary.ts';
import { FiguresView } from './FiguresView.tsx';
import { HomeView } from './HomeView.tsx';
import { setH5ApiLang } from './publicApi.ts';
import { ReportView } from './ReportView.tsx';
import { TrackView } from './TrackView.tsx';
import { useHashRoute } from './useHashRoute.ts';
import { useTown } from './useTown.ts';

const LANG_KEY = 'lianxin.lang';
/** The apply page loads only when opened: the report page's JavaScript does not grow with it. */
const ApplyView = lazy(() => import('./apply/ApplyView.tsx'));
const APPLY_TITLE = { 'zh-CN': '申请加入服务队', en: 'Join a team' };
/** The member's duty pages (my shifts, check-in) load only when opened, too. */
const DutyApp = lazy(() => import('./duty/DutyApp.tsx').then((m) => ({ default: m.DutyApp })));
const DUTY_TITLE = { 'zh-CN': '我的值班', en: 'My duty' };
/** The member's care pairings and visit form (暖阳行动) load only when opened. */
const CareApp = lazy(() => import('./care/CareApp.tsx').then((m) => ({ default: m.CareApp })));
const CARE_TITLE = { 'zh-CN': '我的结对', en: 'My pairings' };
/** The service-day calendar and the member's activity sign-ups load only when opened. */
const ActivitiesApp = lazy(() => import('./activities/ActivitiesApp.tsx').then((m) => ({ default: m.ActivitiesApp })));

function initialLang(): H5Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

const TABS = [
  { path: '/', key: 'tabHome', icon: '🏠' },
  { path: '/report', key: 'tabReport', icon: '📣' },
  { path: '/track', key: 'tabTrack', icon: '🔍' },
  { path: '/figures', key: 'tabFigures', icon: '📊' },
] as const;

export function H5App() {
  const [lang, setLang] = useState<H5Lang>(initialLang);
  // The language whose strings are loaded; English comes in a second small file.
  const [shown, setShown] = useState<H5Lang>('zh-CN');
  const [state, retry] = useTown(lang);
  const route = useHashRoute();
  const tr: Tr = (key, params) => h5Text(shown, key, params);
  const town = state.status === 'ready' ? state.town : null;
  const apply = route.path === '/apply';
  const duty = route.path === '/me' || route.path.startsWith('/duty/');
  const care = route.path === '/care' || route.path.startsWith('/care/');
  const acts = route.path === '/activities' || route.path === '/me/activities';
  const tab = TABS.find((t) => t.path === route.path) ?? TABS[0];
  setH5ApiLang(lang);

  useEffect(() => {
    let live = true;
    void loadLang(lang).then(() => live && setShown(lang));
    return () => {
      live = false;
    };
  }, [lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
    const page = acts
      ? h5Text(shown, 'bigActivities')
      : care
        ? CARE_TITLE[lang]
        : duty
          ? DUTY_TITLE[lang]
          : apply
            ? APPLY_TITLE[lang]
            : tab.path === '/'
              ? h5Text(shown, 'title')
              : h5Text(shown, tab.key);
    document.title = town ? `${town.name} · ${page}` : page;
  }, [lang, shown, town, tab, apply, duty, care, acts]);

  const toggleLang = () => {
    const next = lang === 'en' ? 'zh-CN' : 'en';
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // The choice lasts for this visit only.
    }
    setLang(next);
  };

  const home = tab.path === '/' && !apply && !duty && !care && !acts;
  return (
    <div className="h5">
      <header className={home ? 'h5-header' : 'h5-header h5-header-slim'}>
        <div className="h5-header-top">
          <span className="h5-brand">连心{!home && town ? ` · ${town.name}` : ''}</span>
          <button type="button" className="h5-lang" onClick={toggleLang}>
            {tr('language')}
          </button>
        </div>
        {home ? (
          <>
            <h1 data-testid="town-name">{town?.name ?? '\u00a0'}</h1>
            <p>
              {tr('title')} · {tr('subtitle')}
            </p>
          </>
        ) : (
          <h1 className="h5-page-title">
            {acts
              ? tr('bigActivities')
              : care
                ? CARE_TITLE[lang]
                : duty
                  ? DUTY_TITLE[lang]
                  : apply
                    ? APPLY_TITLE[lang]
                    : tr(tab.key)}
          </h1>
        )}
      </header>
      <main className="h5-main">
        {tab.path === '/report' && <ReportView tr={tr} />}
        {tab.path === '/track' && (
          <TrackView key={route.params.get('code') ?? ''} tr={tr} initialCode={route.params.get('code') ?? ''} />
        )}
        {tab.path === '/figures' && <FiguresView tr={tr} />}
        {home && state.status === 'loading' && (
          <p className="h5-status" role="status">
            {tr('loading')}
          </p>
        )}
        {home && state.status === 'error' && (
          <div className="h5-status h5-error" role="alert">
            <p>{tr('error')}</p>
            <button type="button" className="h5-button" onClick={retry}>
              {tr('retry')}
            </button>
          </div>
        )}
        {home && town && <HomeView town={town} tr={tr} />}
        {home && town && (
          <p className="h5-status">
            <a className="h5-link" href="#/apply" data-testid="link-apply">
              🙋 {APPLY_TITLE[lang]}
            </a>
          </p>
        )}
        {apply && (
          <Suspense fallback={<p className="h5-status">{tr('loading')}</p>}>
            <ApplyView lang={lang} initialCode={route.params.get('code') ?? ''} />
          </Suspense>
        )}
        {home && town && (
          <p className="h5-status">
            <a className="h5-link" href="#/me" data-testid="link-me">
              👤 {DUTY_TITLE[lang]}
            </a>
          </p>
        )}
        {duty && (
          <Suspense fallback={<p className="h5-status">{tr('loading')}</p>}>
            <DutyApp path={route.path} params={route.params} lang={lang} />
          </Suspense>
        )}
        {home && town && (
          <p className="h5-status">
            <a className="h5-link" href="#/care" data-testid="link-care">
              ❤️ {CARE_TITLE[lang]}
            </a>
          </p>
        )}
        {care && (
          <Suspense fallback={<p className="h5-status">{tr('loading')}</p>}>
            <CareApp path={route.path} params={route.params} lang={lang} />
          </Suspense>
        )}
        {acts && (
          <Suspense fallback={<p className="h5-status">{tr('loading')}</p>}>
            <ActivitiesApp path={route.path} params={route.params} lang={lang} />
          </Suspense>
        )}
      </main>
      <footer className="h5-footer">{tr('footer', { town: town?.name ?? '' })}</footer>
      <nav className="h5-tabbar" aria-label="tabs">
        {TABS.map((t) => (
          <a
            key={t.path}
            href={`#${t.path}`}
            className={!apply && !duty && !care && !acts && t.path === tab.path ? 'h5-tab h5-tab-on' : 'h5-tab'}
            aria-current={!apply && !duty && !care && !acts && t.path === tab.path ? 'page' : undefined}
            data-testid={`tab-${t.key}`}
          >
            <span aria-hidden="true">{t.icon}</span>
            {tr(t.key)}
          </a>
        ))}
      </nav>
    </div>
  );
}
