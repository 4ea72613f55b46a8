/** Duty pages: rosters, approvals, hours, the on-duty board, print and the check-in QR code. */
export { ApprovalsPage } from './ApprovalsPage.tsx';
export { BoardPage } from './BoardPage.tsx';
export { HoursPage } from './HoursPage.tsx';
export { QrPage } from './QrPage.tsx';
export { RosterPage } from './RosterPage.tsx';
export { RosterPrintPage } from './RosterPrintPage.tsx';
