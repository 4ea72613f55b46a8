/** Member pages: the list, one member, the Excel import. */
export { MembersPage } from './MembersPage.tsx';
export { MemberDetailPage } from './MemberDetailPage.tsx';
export { ImportPage } from './ImportPage.tsx';
