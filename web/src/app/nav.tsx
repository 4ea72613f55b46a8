/** The side menu: modules and their pages, each behind the permission that lets a user see it. */
import {
  ApartmentOutlined,
  CalendarOutlined,
  FileTextOutlined,
  FlagOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../../common/auth/roles.ts';

export interface NavPage {
  path: string;
  labelKey: string;
  permission: Permission;
}

export interface NavGroup {
  key: string;
  labelKey: string;
  icon: ReactNode;
  pages: NavPage[];
}

export const NAV: NavGroup[] = [
  {
    key: 'home',
    labelKey: 'nav.home',
    icon: <HomeOutlined />,
    pages: [{ path: '/', labelKey: 'nav.home', permission: 'stats.read' }],
  },
  {
    key: 'requests',
    labelKey: 'nav.requestsGroup',
    icon: <FileTextOutlined />,
    pages: [
      { path: '/requests', labelKey: 'nav.requests', permission: 'requests.read' },
      { path: '/requests/new', labelKey: 'nav.requestNew', permission: 'requests.intake' },
      { path: '/requests/figures', labelKey: 'nav.requestFigures', permission: 'requests.read' },
      { path: '/settings/categories', labelKey: 'nav.categories', permission: 'requests.config' },
      { path: '/settings/calendar', labelKey: 'nav.calendar', permission: 'requests.config' },
      { path: '/settings/open311-keys', labelKey: 'nav.open311Keys', permission: 'requests.config' },
    ],
  },
  {
    key: 'org',
    labelKey: 'nav.org',
    icon: <ApartmentOutlined />,
    pages: [
      { path: '/villages', labelKey: 'nav.villages', permission: 'org.read' },
      { path: '/hamlets', labelKey: 'nav.hamlets', permission: 'org.read' },
      { path: '/workstations', labelKey: 'nav.workstations', permission: 'org.read' },
      { path: '/departments', labelKey: 'nav.departments', permission: 'org.read' },
    ],
  },
  {
    key: 'teams',
    labelKey: 'nav.teamsGroup',
    icon: <TeamOutlined />,
    pages: [
      { path: '/teams', labelKey: 'nav.teams', permission: 'teams.read' },
      { path: '/squads', labelKey: 'nav.squads', permission: 'teams.read' },
    ],
  },
  {
    key: 'people',
    labelKey: 'nav.peopleGroup',
    icon: <UserOutlined />,
    pages: [{ path: '/people', labelKey: 'nav.people', permission: 'people.read' }],
  },
  {
    key: 'members',
    labelKey: 'nav.membersGroup',
    icon: <IdcardOutlined />,
    pages: [
      { path: '/members', labelKey: 'nav.members', permission: 'people.read' },
      { path: '/members/import', labelKey: 'nav.memberImport', permission: 'members.import' },
      { path: '/applications', labelKey: 'nav.applications', permission: 'recruitment.review' },
    ],
  },
  {
    key: 'duty',
    labelKey: 'nav.dutyGroup',
    icon: <CalendarOutlined />,
    pages: [
      { path: '/duty/roster', labelKey: 'nav.dutyRoster', permission: 'duty.read' },
      { path: '/duty/approvals', labelKey: 'nav.dutyApprovals', permission: 'duty.manage' },
      { path: '/duty/hours', labelKey: 'nav.dutyHours', permission: 'duty.hours' },
      { path: '/duty/board', labelKey: 'nav.dutyBoard', permission: 'duty.read' },
    ],
  },
  {
    key: 'care',
    labelKey: 'nav.careGroup',
    icon: <HeartOutlined />,
    pages: [
      { path: '/care/recipients', labelKey: 'nav.careRecipients', permission: 'care.read' },
      { path: '/care/overdue', labelKey: 'nav.careOverdue', permission: 'care.read' },
      { path: '/care/import', labelKey: 'nav.careImport', permission: 'care.manage' },
      { path: '/care/figures', labelKey: 'nav.careFigures', permission: 'care.read' },
    ],
  },
  {
    key: 'activities',
    labelKey: 'nav.activitiesGroup',
    icon: <FlagOutlined />,
    pages: [
      { path: '/activities', labelKey: 'nav.activities', permission: 'activities.read' },
      { path: '/activities/figures', labelKey: 'nav.activityFigures', permission: 'stats.read' },
      { path: '/settings/stall-kinds', labelKey: 'nav.stallKinds', permission: 'activities.manage' },
    ],
  },
  {
    key: 'system',
    labelKey: 'nav.system',
    icon: <SafetyCertificateOutlined />,
    pages: [
      { path: '/users', labelKey: 'nav.users', permission: 'users.manage' },
      { path: '/audit', labelKey: 'nav.audit', permission: 'audit.read' },
    ],
  },
];

/** The groups and pages a user may see, empty groups dropped. */
export function visibleNav(permissions: readonly string[]): NavGroup[] {
  return NAV.map((group) => ({
    ...group,
    pages: group.pages.filter((p) => permissions.includes(p.permission)),
  })).filter((group) => group.pages.length > 0);
}

/** Where a user lands: home when they may read statistics, else their first page. */
export function landingPath(permissions: readonly string[]): string | null {
  return visibleNav(permissions)[0]?.pages[0]?.path ?? null;
}

/** The group and page of a path (the longest menu path it starts with), for breadcrumbs and the menu. */
export function findNav(pathname: string): { group: NavGroup; page: NavPage } | null {
  let best: { group: NavGroup; page: NavPage } | null = null;
  for (const group of NAV) {
    for (const page of group.pages) {
      const hit = page.path === '/' ? pathname === '/' : pathname === page.path || pathname.startsWith(`${page.path}/`);
      if (hit && (!best || page.path.length > best.page.path.length)) best = { group, page };
    }
  }
  return best;
}
