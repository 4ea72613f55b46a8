/** The search index of request descriptions (migration 0008) and the monthly figures (migration 0010). */

/** One character pair (see common/requests/terms.ts) of one request's description. */
export interface RequestTermTable {
  town_id: string;
  term: string;
  request_id: string;
}

export interface RequestTermsDB {
  request_terms: RequestTermTable;
}

/** The town's request counts per month, status and grouping (migration 0010; server/modules/requests/figures.rollup.ts). */
export interface RequestMonthFiguresTable {
  town_id: string;
  /** `month|dim|key|status` */
  id: string;
  month: string;
  /** all | team | village | category */
  dim: string;
  /** The team, village or category id; '' for the town or none. */
  key: string;
  status: string;
  total: number;
  resolved: number;
  unresolved: number;
  resolved_on_time: number;
  ratings: number;
  satisfied: number;
  handling_hours: number;
  handled: number;
}

export interface RequestFiguresDB {
  request_month_figures: RequestMonthFiguresTable;
}
