/** Who is calling, and the scope their roles give them. */
import { type Permission, type RoleGrant, permissionsOf } from '../../common/auth/roles.ts';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  personId: string | null;
  townId: string;
  townCode: string;
  townName: string;
  locale: 'zh-CN' | 'en';
  mustChangePassword: boolean;
  roles: RoleGrant[];
  permissions: Permission[];
  sessionId: string;
  csrfToken: string;
}

/** What records an actor's roles reach inside their town. */
export interface Scope {
  /** A town-wide role (town admin). */
  town: boolean;
  villageIds: string[];
  teamIds: string[];
  departmentIds: string[];
  personId: string | null;
}

export function scopeOf(actor: Pick<Actor, 'roles' | 'personId'>): Scope {
  const scope: Scope = { town: false, villageIds: [], teamIds: [], departmentIds: [], personId: actor.personId };
  for (const g of actor.roles) {
    if (g.role === 'town_admin') scope.town = true;
    if (g.role === 'village_admin' && g.villageId) scope.villageIds.push(g.villageId);
    if (g.role === 'team_leader' && g.teamId) scope.teamIds.push(g.teamId);
    if (g.role === 'department_handler' && g.departmentId) scope.departmentIds.push(g.departmentId);
  }
  return scope;
}

export function can(actor: Pick<Actor, 'permissions'>, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}

export function actorFrom(fields: Omit<Actor, 'permissions'>): Actor {
  return { ...fields, permissions: permissionsOf(fields.roles) };
}
