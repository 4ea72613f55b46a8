/** Recruitment pages: the review queue. */
export { ApplicationsPage } from './ApplicationsPage.tsx';
