/**
 * Table types for Kysely. Every business table carries `town_id`, and its primary key, unique
 * keys and foreign keys include it. Timestamps are ISO-8601 UTC text and booleans are 0/1
 * integers on both databases, so one code path serves SQLite and PostgreSQL.
 */

import type { Generated } from 'kysely';
import type { RequestFiguresDB, RequestTermsDB } from './schema-request-terms.ts';
import type { ActivitiesDB } from './schema-activities.ts';
import type { CareDB } from './schema-care.ts';

/** 0 or 1. */
export type Flag = number;

export interface TownTable {
  id: string;
  code: string;
  name: string;
  /** Short letters for numbers the town issues, e.g. YL for volunteer numbers. */
  prefix: string;
  province: string | null;
  county: string | null;
  division_code: string | null;
  created_at: string;
  updated_at: string;
}

interface Row {
  town_id: string;
  id: string;
  version: number;
  disabled: Flag;
  created_at: string;
  updated_at: string;
}

export interface VillageTable extends Row {
  name: string;
  kind: string;
  code: string | null;
  sort: number;
}

export interface HamletTable extends Row {
  village_id: string;
  name: string;
}

export interface WorkstationTable extends Row {
  name: string;
  level: string;
  village_id: string | null;
  address: string;
  opening_hours: string;
  phone: string | null;
  lat: number | null;
  lng: number | null;
}

export interface DepartmentTable extends Row {
  name: string;
  phone: string | null;
  duties: string | null;
}

export interface TeamTable extends Row {
  name: string;
  colour: string;
  focus: string;
  description: string | null;
  sort: number;
}

export interface SquadTable extends Row {
  team_id: string;
  village_id: string;
  name: string;
}

export interface PersonTable extends Row {
  name: string;
  gender: string | null;
  birth_year: number | null;
  mobile_enc: string | null;
  mobile_hash: string | null;
  mobile_mask: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_mask: string | null;
  village_id: string | null;
  political_status: string;
  backgrounds: string;
  skills: string;
  notes: string | null;
  volunteer_no: string | null;
  /** active / paused / left; defaults to active. */
  member_status: Generated<string>;
  status_since: string | null;
  status_note: string | null;
  availability: string | null;
  public_alias: string | null;
}

export interface MembershipTable {
  town_id: string;
  id: string;
  version: number;
  team_id: string;
  person_id: string;
  squad_id: string | null;
  role: string;
  joined_at: string;
  left_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserTable extends Row {
  username: string;
  display_name: string;
  person_id: string | null;
  mobile_enc: string | null;
  mobile_hash: string | null;
  mobile_mask: string | null;
  password_hash: string;
  must_change_password: Flag;
  locale: string;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string | null;
}

export interface UserRoleTable {
  town_id: string;
  id: string;
  user_id: string;
  role: string;
  village_id: string | null;
  team_id: string | null;
  department_id: string | null;
}

export interface SessionTable {
  town_id: string;
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditTable {
  town_id: string;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  ip: string | null;
  outcome: string;
  detail: string | null;
}

export interface SequenceTable {
  town_id: string;
  name: string;
  value: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface DB extends RequestsDB, DutyDB, RequestTermsDB, RequestFiguresDB, ActivitiesDB, CareDB {
  towns: TownTable;
  villages: VillageTable;
  hamlets: HamletTable;
  workstations: WorkstationTable;
  departments: DepartmentTable;
  teams: TeamTable;
  squads: SquadTable;
  people: PersonTable;
  team_memberships: MembershipTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditTable;
  sequences: SequenceTable;
  app_meta: MetaTable;
}

export interface CategoryTable {
  town_id: string;
  id: string;
  version: number;
  disabled: Flag;
  created_at: string;
  updated_at: string;
  code: string;
  name: string;
  icon: string;
  description: string | null;
  route_kind: string | null;
  route_id: string | null;
  limit_normal_days: number;
  limit_urgent_days: number;
  limit_critical_days: number;
  sort: number;
}

export interface CalendarDayTable {
  town_id: string;
  date: string;
  kind: string;
  name: string;
}

export interface RequestTable {
  town_id: string;
  id: string;
  code: string;
  version: number;
  status: string;
  outcome: string | null;
  urgency: string;
  channel: string;
  category_id: string;
  description: string;
  village_id: string | null;
  hamlet_id: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reporter_name: string | null;
  reporter_mobile_enc: string | null;
  reporter_mobile_hash: string | null;
  reporter_mobile_mask: string | null;
  entered_by: string | null;
  workstation_id: string | null;
  assignee_kind: string | null;
  assignee_id: string | null;
  team_id: string | null;
  due_at: string | null;
  warned_at: string | null;
  overdue_at: string | null;
  accepted_at: string | null;
  dispatched_at: string | null;
  resolved_at: string | null;
  rated_at: string | null;
  archived_at: string | null;
  rating: number | null;
  rating_comment: string | null;
  pending_extension_days: number | null;
  supervised_count: number;
  reopened_count: number;
  merged_into_id: string | null;
  /** `activity` or `visit` when raised from a service-day stall or a care visit. */
  origin_kind: string | null;
  origin_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface RequestEventTable {
  town_id: string;
  id: string;
  request_id: string;
  at: string;
  kind: string;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  data: string | null;
  public: Flag;
}

export interface UploadTable {
  town_id: string;
  id: string;
  request_id: string | null;
  event_id: string | null;
  path: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  created_by: string | null;
  created_at: string;
}

export interface NotificationTable {
  town_id: string;
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface OutboxTable {
  town_id: string;
  id: string;
  channel: string;
  to_enc: string;
  to_mask: string;
  body: string;
  ref: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface ApiKeyTable {
  town_id: string;
  id: string;
  version: number;
  name: string;
  prefix: string;
  key_hash: string;
  disabled: Flag;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
}

export interface RequestsDB {
  categories: CategoryTable;
  calendar_days: CalendarDayTable;
  requests: RequestTable;
  request_events: RequestEventTable;
  uploads: UploadTable;
  notifications: NotificationTable;
  outbox: OutboxTable;
  api_keys: ApiKeyTable;
}

export interface HouseholdTable {
  town_id: string;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  person_id: string;
  village_id: string | null;
  hamlet_id: string | null;
  head_name: string;
  address: string | null;
  phone_enc: string | null;
  phone_mask: string | null;
  members_count: number | null;
  notes: string | null;
  disabled: Flag;
}

export interface ApplicationTable {
  town_id: string;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  code: string;
  status: string;
  name: string;
  gender: string | null;
  birth_year: number | null;
  mobile_enc: string;
  mobile_hash: string;
  mobile_mask: string;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_mask: string | null;
  village_id: string | null;
  political_status: string;
  backgrounds: string;
  skills: string;
  team_ids: string;
  motivation: string | null;
  consent_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  decline_reason: string | null;
  person_id: string | null;
  user_id: string | null;
}

export interface RosterRuleTable {
  town_id: string;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  workstation_id: string;
  shifts: string;
  weekdays: string;
  skip_holidays: Flag;
}

export interface RosterPoolTable {
  town_id: string;
  rule_id: string;
  person_id: string;
}

export interface ShiftTable {
  town_id: string;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  workstation_id: string;
  date: string;
  shift_key: string;
  shift_name: string;
  start_at: string;
  end_at: string;
  person_id: string;
  status: string;
  check_in_at: string | null;
  check_out_at: string | null;
  late_minutes: number | null;
  checked_in_by: string | null;
  handover_note: string | null;
  hours: number | null;
}

export interface LeaveTable {
  town_id: string;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  person_id: string;
  from_date: string;
  to_date: string;
  reason: string | null;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface SwapTable {
  town_id: string;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  shift_id: string;
  person_id: string;
  target_person_id: string | null;
  target_shift_id: string | null;
  reason: string | null;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface ServiceHoursTable {
  town_id: string;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  person_id: string;
  source: string;
  source_id: string;
  team_id: string | null;
  date: string;
  hours: number;
  content: string | null;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface DutyDB {
  households: HouseholdTable;
  applications: ApplicationTable;
  roster_rules: RosterRuleTable;
  roster_pool: RosterPoolTable;
  shifts: ShiftTable;
  leaves: LeaveTable;
  swaps: SwapTable;
  service_hours: ServiceHoursTable;
}
