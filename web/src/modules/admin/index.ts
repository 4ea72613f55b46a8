/** System pages: accounts (security admin) and the audit log (auditor). */
export { UsersPage } from './UsersPage.tsx';
export { AuditPage } from './AuditPage.tsx';
