/** Care pages 关爱帮扶: recipients, one recipient, overdue visits, import, figures. */
export { FiguresPage } from './FiguresPage.tsx';
export { ImportPage } from './ImportPage.tsx';
export { OverduePage } from './OverduePage.tsx';
export { RecipientDetailPage } from './RecipientDetailPage.tsx';
export { RecipientsPage } from './RecipientsPage.tsx';
export { VisitRedirectPage } from './VisitRedirectPage.tsx';
