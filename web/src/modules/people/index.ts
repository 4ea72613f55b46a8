/** People pages: the registry and one person. */
export { PeoplePage } from './PeoplePage.tsx';
export { PersonDetailPage } from './PersonDetailPage.tsx';
