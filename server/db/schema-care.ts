/** Table types of care 关爱帮扶: recipients, pairings, visits and the figures' rollups. */
import type { Flag } from './schema.ts';

export interface CareRecipientTable {
  town_id: string;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** JSON array of kinds, e.g. ["elderly_alone","poverty_alleviated"]. */
  kinds: string;
  name: string;
  gender: string | null;
  birth_year: number | null;
  village_id: string;
  hamlet_id: string | null;
  address: string | null;
  mobile_enc: string | null;
  mobile_hash: string | null;
  mobile_mask: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_mask: string | null;
  guardian_name: string | null;
  guardian_relation: string | null;
  guardian_mobile_enc: string | null;
  guardian_mobile_mask: string | null;
  needs: string | null;
  /** JSON array of short tags. */
  need_tags: string;
  /** Sensitive (health): encrypted at rest. */
  health_notes_enc: string | null;
  risk_level: string;
  frequency_days: number;
  lawful_basis: string;
  consent_date: string;
  consent_recorded_by: string | null;
  recorded_by: string | null;
  /** active / inactive */
  status: string;
  inactive_reason: string | null;
  inactive_note: string | null;
  inactive_at: string | null;
  last_visit_at: string | null;
  /** (last visit, or registration) + frequency. */
  next_due_at: string;
  /** When the overdue job next tells the paired members: next_due_at, then once per period after it. */
  notify_at: string;
}

export interface CarePairingTable {
  town_id: string;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  recipient_id: string;
  person_id: string;
  is_primary: Flag;
  started_at: string;
  ended_at: string | null;
  end_reason: string | null;
  created_by: string | null;
  ended_by: string | null;
}

export interface CareVisitTable {
  town_id: string;
  id: string;
  created_at: string;
  recipient_id: string;
  person_id: string;
  /** The visiting member's team when they visited (figures by team). */
  team_id: string | null;
  /** The recipient's village when visited (figures by village). */
  village_id: string;
  visited_at: string;
  /** Asia/Shanghai month of visited_at, YYYY-MM. */
  month: string;
  duration_minutes: number;
  /** JSON array of services. */
  services: string;
  condition: string;
  notes: string | null;
  /** JSON array of {id,url,width,height}. */
  photos: string;
  problem: Flag;
  request_id: string | null;
  created_by: string | null;
}

/** Per town × month × village × team sums, kept with each visit so figures never scan visits. */
export interface CareVisitStatTable {
  town_id: string;
  month: string;
  village_id: string;
  /** '' when the member had no team. */
  team_id: string;
  visits: number;
  minutes: number;
  problems: number;
  requests: number;
}

/** Which recipients had a visit in which month (distinct recipients visited). */
export interface CareRecipientMonthTable {
  town_id: string;
  recipient_id: string;
  month: string;
  /** The visiting member's team ('' for none). */
  team_id: string;
}

export interface CareDB {
  care_recipients: CareRecipientTable;
  care_pairings: CarePairingTable;
  care_visits: CareVisitTable;
  care_visit_stats: CareVisitStatTable;
  care_recipient_months: CareRecipientMonthTable;
}
