/** Routes of the staff app. Module pages load on demand so the first screen stays light. */
import type { ComponentType } from 'react';
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import type { Permission } from '../../../common/auth/roles.ts';
import { AppLayout } from './AppLayout.tsx';
import { HomeRoute } from './HomeRoute.tsx';
import { LoginPage } from './LoginPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { RequirePermission } from './RequirePermission.tsx';

function page(path: string, permission: Permission, load: () => Promise<ComponentType>): RouteObject {
  return {
    path,
    lazy: async () => {
      const Page = await load();
      return {
        Component: () => (
          <RequirePermission permission={permission}>
            <Page />
          </RequirePermission>
        ),
      };
    },
  };
}

const org = () => import('../modules/org/index.ts');
const teams = () => import('../modules/teams/index.ts');
const people = () => import('../modules/people/index.ts');
const admin = () => import('../modules/admin/index.ts');
const members = () => import('../modules/members/index.ts');
const recruitment = () => import('../modules/recruitment/index.ts');
const requests = () => import('../modules/requests/index.ts');
const duty = () => import('../modules/duty/index.ts');
const activities = () => import('../modules/activities/index.ts');
const care = () => import('../modules/care/index.ts');

export const router = createBrowserRouter([
  { path: '/login', Component: LoginPage },
  {
    // The printable work order: signed in, but without the app's frame.
    path: '/requests/:id/print',
    element: (
      <RequireAuth>
        <Outlet />
      </RequireAuth>
    ),
    children: [{ index: true, lazy: page('', 'requests.read', async () => (await requests()).RequestPrintPage).lazy }],
  },
  {
    // The printable activity report: signed in, without the app's frame.
    path: '/activities/:id/report',
    element: (
      <RequireAuth>
        <Outlet />
      </RequireAuth>
    ),
    children: [
      { index: true, lazy: page('', 'activities.read', async () => (await activities()).ActivityReportPage).lazy },
    ],
  },
  {
    // The printable roster and the check-in QR code: signed in, without the app's frame.
    path: '/duty',
    element: (
      <RequireAuth>
        <Outlet />
      </RequireAuth>
    ),
    children: [
      page('print', 'duty.read', async () => (await duty()).RosterPrintPage),
      page('qr', 'duty.read', async () => (await duty()).QrPage),
    ],
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, Component: HomeRoute },
      page('villages', 'org.read', async () => (await org()).VillagesPage),
      page('hamlets', 'org.read', async () => (await org()).HamletsPage),
      page('workstations', 'org.read', async () => (await org()).WorkstationsPage),
      page('departments', 'org.read', async () => (await org()).DepartmentsPage),
      page('teams', 'teams.read', async () => (await teams()).TeamsPage),
      page('teams/:id', 'teams.read', async () => (await teams()).TeamDetailPage),
      page('squads', 'teams.read', async () => (await teams()).SquadsPage),
      page('people', 'people.read', async () => (await people()).PeoplePage),
      page('people/:id', 'people.read', async () => (await people()).PersonDetailPage),
      page('members', 'people.read', async () => (await members()).MembersPage),
      page('members/import', 'members.import', async () => (await members()).ImportPage),
      page('members/:id', 'people.read', async () => (await members()).MemberDetailPage),
      page('applications', 'recruitment.review', async () => (await recruitment()).ApplicationsPage),
      page('requests', 'requests.read', async () => (await requests()).RequestsPage),
      page('requests/new', 'requests.intake', async () => (await requests()).IntakePage),
      page('requests/figures', 'requests.read', async () => (await requests()).FiguresPage),
      page('requests/:id', 'requests.read', async () => (await requests()).RequestDetailPage),
      page('settings/categories', 'requests.config', async () => (await requests()).CategoriesPage),
      page('settings/calendar', 'requests.config', async () => (await requests()).CalendarPage),
      page('settings/open311-keys', 'requests.config', async () => (await requests()).Open311KeysPage),
      page('duty/roster', 'duty.read', async () => (await duty()).RosterPage),
      page('duty/approvals', 'duty.manage', async () => (await duty()).ApprovalsPage),
      page('duty/hours', 'duty.hours', async () => (await duty()).HoursPage),
      page('duty/board', 'duty.read', async () => (await duty()).BoardPage),
      page('activities', 'activities.read', async () => (await activities()).ActivitiesPage),
      page('activities/figures', 'stats.read', async () => (await activities()).ActivityFiguresPage),
      page('settings/stall-kinds', 'activities.manage', async () => (await activities()).StallKindsPage),
      page('activities/:id', 'activities.read', async () => (await activities()).ActivityDetailPage),
      page('care/recipients', 'care.read', async () => (await care()).RecipientsPage),
      page('care/recipients/:id', 'care.read', async () => (await care()).RecipientDetailPage),
      page('care/visits/:id', 'care.read', async () => (await care()).VisitRedirectPage),
      page('care/overdue', 'care.read', async () => (await care()).OverduePage),
      page('care/import', 'care.manage', async () => (await care()).ImportPage),
      page('care/figures', 'care.read', async () => (await care()).FiguresPage),
      page('users', 'users.manage', async () => (await admin()).UsersPage),
      page('audit', 'audit.read', async () => (await admin()).AuditPage),
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
