/** Table types of the activities module (migration 0006). */

interface Versioned {
  town_id: string;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
}

interface Totals {
  taken: number;
  waitlisted: number;
  attended: number;
  no_shows: number;
  hours: number;
}

export interface StallKindTable extends Versioned {
  code: string;
  name: string;
  sort: number;
  disabled: number;
}

export interface ActivitySeriesTable extends Versioned {
  kind: string;
  title: string;
  workstation_id: string | null;
  village_id: string | null;
  address: string | null;
  team_ids: string;
  capacity: number | null;
  waitlist: number;
  description: string | null;
  day_of_month: number;
  start_time: string;
  end_time: string;
  stalls: string;
  created_by: string | null;
}

export interface ActivityTable extends Versioned, Totals {
  series_id: string | null;
  edited: number;
  kind: string;
  title: string;
  state: string;
  start_at: string;
  end_at: string;
  month: string;
  workstation_id: string | null;
  village_id: string | null;
  address: string | null;
  lead_team_id: string | null;
  capacity: number | null;
  waitlist: number;
  description: string | null;
  summary: string | null;
  reach: number | null;
  cancel_reason: string | null;
  published_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  reported_at: string | null;
  cancelled_at: string | null;
  created_by: string | null;
  served: number;
  deeds: number;
  signups: number;
  /** The `activity_month_figures` cell (`month|village|kind`) a held activity is counted in; null when not held. */
  rollup_key: string | null;
}

export interface ActivityTeamTable {
  town_id: string;
  id: string;
  activity_id: string;
  team_id: string;
  sort: number;
}

export interface ActivityStallTable extends Versioned, Totals {
  activity_id: string;
  kind_id: string;
  team_id: string | null;
  capacity: number;
  label: string | null;
  sort: number;
  served: number | null;
  deeds: number | null;
  notes: string | null;
}

export interface ActivitySignupTable extends Versioned {
  activity_id: string;
  stall_id: string | null;
  person_id: string;
  state: string;
  source: string;
  queued_at: string;
  check_in_at: string | null;
  check_out_at: string | null;
  hours: number | null;
  cancel_reason: string | null;
  created_by: string | null;
}

export interface ActivityPhotoTable {
  town_id: string;
  id: string;
  activity_id: string;
  upload_id: string;
  created_by: string | null;
  created_at: string;
}

export interface ActivityTeamFiguresTable {
  town_id: string;
  id: string;
  activity_id: string;
  team_id: string;
  state: string;
  start_at: string;
  kind: string;
  village_id: string | null;
  month: string;
  served: number;
  deeds: number;
  reach: number;
  signups: number;
  attended: number;
  no_shows: number;
  hours: number;
}

/** Held activities' sums per cell; `id` is the cell key. */
interface RollupSums {
  town_id: string;
  id: string;
  month: string;
  kind: string;
  held: number;
  served: number;
  reach: number;
  deeds: number;
  signups: number;
  attended: number;
  no_shows: number;
  hours: number;
}
export interface ActivityMonthFiguresTable extends RollupSums {
  /** The activity's village, '' for town-wide activities. */
  village_key: string;
}
export interface ActivityMonthTeamFiguresTable extends RollupSums {
  team_id: string;
}

export interface ActivitiesDB {
  stall_kinds: StallKindTable;
  activity_series: ActivitySeriesTable;
  activities: ActivityTable;
  activity_teams: ActivityTeamTable;
  activity_stalls: ActivityStallTable;
  activity_signups: ActivitySignupTable;
  activity_photos: ActivityPhotoTable;
  activity_team_figures: ActivityTeamFiguresTable;
  activity_month_figures: ActivityMonthFiguresTable;
  activity_month_team_figures: ActivityMonthTeamFiguresTable;
}
