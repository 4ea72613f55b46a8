/** Activities pages: the list and calendar, the detail, the printable report and the figures. */
export { ActivitiesPage } from './ActivitiesPage.tsx';
export { ActivityDetailPage } from './ActivityDetailPage.tsx';
export { ActivityFiguresPage } from './ActivityFiguresPage.tsx';
export { ActivityReportPage } from './ActivityReportPage.tsx';
export { StallKindsPage } from './StallKindsPage.tsx';
