/**
 * Roles and the permissions each grants. A role assignment may carry a scope (a village, a
 * team or a department); the server narrows every query to it. The security admin and the
 * auditor hold no business permission at all (三权分立), and no role but the auditor reads
 * the audit trail.
 */

export const Role = {
  TOWN_ADMIN: 'town_admin',
  VILLAGE_ADMIN: 'village_admin',
  TEAM_LEADER: 'team_leader',
  MEMBER: 'member',
  DEPARTMENT_HANDLER: 'department_handler',
  /** 关爱专员: runs the care registry town-wide, incl. health notes and children's records. */
  CARE_WORKER: 'care_worker',
  SECURITY_ADMIN: 'security_admin',
  AUDITOR: 'auditor',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role) as [Role, ...Role[]];

export const Permission = {
  ORG_READ: 'org.read',
  ORG_WRITE: 'org.write',
  TEAMS_READ: 'teams.read',
  TEAMS_WRITE: 'teams.write',
  PEOPLE_READ: 'people.read',
  PEOPLE_WRITE: 'people.write',
  PEOPLE_REVEAL: 'people.reveal',
  STATS_READ: 'stats.read',
  REQUESTS_READ: 'requests.read',
  REQUESTS_INTAKE: 'requests.intake',
  REQUESTS_MANAGE: 'requests.manage',
  REQUESTS_HANDLE: 'requests.handle',
  REQUESTS_CONFIG: 'requests.config',
  USERS_MANAGE: 'users.manage',
  AUDIT_READ: 'audit.read',
  /** Bulk import of members from Excel (town-wide). */
  MEMBERS_IMPORT: 'members.import',
  /** Review recruitment applications (the town, or a leader for their team). */
  RECRUITMENT_REVIEW: 'recruitment.review',
  /** Read workstation rosters and who is on duty. */
  DUTY_READ: 'duty.read',
  /** Edit rosters and rules, approve leave and swaps, check members in at the desk (in scope). */
  DUTY_MANAGE: 'duty.manage',
  /** A member's own duty: shifts, check-in/out, leave and swap requests, own hours. */
  DUTY_SELF: 'duty.self',
  /** Approve service hours (the town, or a leader for their team's members). */
  DUTY_HOURS: 'duty.hours',
  /** Read activities (members: published and later, in their town). */
  ACTIVITIES_READ: 'activities.read',
  /** Plan and run activities: town-wide, a village admin in their village, a leader for their team's. */
  ACTIVITIES_MANAGE: 'activities.manage',
  /** Sign up for activities and check in/out with one's own account. */
  ACTIVITIES_JOIN: 'activities.join',
  /** Read the care registry (masked; a village admin only their villages). */
  CARE_READ: 'care.read',
  /** Register and edit care recipients, pair members, import and export. */
  CARE_MANAGE: 'care.manage',
  /** See care's sensitive fields: health notes and children's records in full; reveal numbers. */
  CARE_SENSITIVE: 'care.sensitive',
  /** Visit the recipients paired with oneself and log the visits. */
  CARE_VISIT: 'care.visit',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;

/** What each role may do. Scope narrowing is applied on top by the server. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  town_admin: [
    P.ORG_READ,
    P.ORG_WRITE,
    P.TEAMS_READ,
    P.TEAMS_WRITE,
    P.PEOPLE_READ,
    P.PEOPLE_WRITE,
    P.PEOPLE_REVEAL,
    P.STATS_READ,
    P.REQUESTS_READ,
    P.REQUESTS_INTAKE,
    P.REQUESTS_MANAGE,
    P.REQUESTS_HANDLE,
    P.REQUESTS_CONFIG,
    P.MEMBERS_IMPORT,
    P.RECRUITMENT_REVIEW,
    P.DUTY_READ,
    P.DUTY_MANAGE,
    P.DUTY_SELF,
    P.DUTY_HOURS,
    P.ACTIVITIES_READ,
    P.ACTIVITIES_MANAGE,
    P.ACTIVITIES_JOIN,
    P.CARE_READ,
    P.CARE_MANAGE,
  ],
  village_admin: [
    P.ORG_READ,
    P.ORG_WRITE,
    P.TEAMS_READ,
    P.PEOPLE_READ,
    P.PEOPLE_WRITE,
    P.PEOPLE_REVEAL,
    P.STATS_READ,
    P.REQUESTS_READ,
    P.REQUESTS_INTAKE,
    P.REQUESTS_MANAGE,
    P.DUTY_READ,
    P.DUTY_MANAGE,
    P.DUTY_SELF,
    P.ACTIVITIES_READ,
    P.ACTIVITIES_MANAGE,
    P.ACTIVITIES_JOIN,
    P.CARE_READ,
  ],
  team_leader: [
    P.ORG_READ,
    P.TEAMS_READ,
    P.TEAMS_WRITE,
    P.PEOPLE_READ,
    P.STATS_READ,
    P.REQUESTS_READ,
    P.REQUESTS_INTAKE,
    P.REQUESTS_HANDLE,
    P.RECRUITMENT_REVIEW,
    P.DUTY_READ,
    P.DUTY_MANAGE,
    P.DUTY_SELF,
    P.DUTY_HOURS,
    P.ACTIVITIES_READ,
    P.ACTIVITIES_MANAGE,
    P.ACTIVITIES_JOIN,
    P.CARE_VISIT,
  ],
  member: [
    P.ORG_READ,
    P.TEAMS_READ,
    P.REQUESTS_READ,
    P.REQUESTS_INTAKE,
    P.REQUESTS_HANDLE,
    P.DUTY_SELF,
    P.ACTIVITIES_READ,
    P.ACTIVITIES_JOIN,
    P.CARE_VISIT,
  ],
  department_handler: [P.ORG_READ, P.TEAMS_READ, P.REQUESTS_READ, P.REQUESTS_HANDLE, P.ACTIVITIES_READ],
  care_worker: [
    P.ORG_READ,
    P.TEAMS_READ,
    P.PEOPLE_READ,
    P.REQUESTS_READ,
    P.CARE_READ,
    P.CARE_MANAGE,
    P.CARE_SENSITIVE,
    P.CARE_VISIT,
  ],
  security_admin: [P.USERS_MANAGE],
  auditor: [P.AUDIT_READ],
};

/** Which scope a role assignment needs. */
export const roleScope: Record<Role, 'town' | 'village' | 'team' | 'department' | 'self'> = {
  town_admin: 'town',
  village_admin: 'village',
  team_leader: 'team',
  member: 'self',
  department_handler: 'department',
  care_worker: 'town',
  security_admin: 'town',
  auditor: 'town',
};

/** One role held by a user, with its scope ids where the role has one. */
export interface RoleGrant {
  role: Role;
  villageId?: string | null;
  teamId?: string | null;
  departmentId?: string | null;
}

/** The union of permissions granted by a set of roles. */
export function permissionsOf(grants: readonly RoleGrant[]): Permission[] {
  const set = new Set<Permission>();
  for (const g of grants) for (const p of rolePermissions[g.role]) set.add(p);
  return [...set].sort();
}

/** Roles that may not be combined with business roles in one account (role separation). */
export const SEPARATED_ROLES: readonly Role[] = [Role.SECURITY_ADMIN, Role.AUDITOR];
