/** Requests pages: list, intake, detail, print, figures, and their settings. */
export { CalendarPage } from './CalendarPage.tsx';
export { CategoriesPage } from './CategoriesPage.tsx';
export { FiguresPage } from './FiguresPage.tsx';
export { IntakePage } from './IntakePage.tsx';
export { Open311KeysPage } from './Open311KeysPage.tsx';
export { RequestDetailPage } from './RequestDetailPage.tsx';
export { RequestPrintPage } from './RequestPrintPage.tsx';
export { RequestsPage } from './RequestsPage.tsx';
