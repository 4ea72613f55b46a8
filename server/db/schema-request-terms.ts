/** The search index of request descriptions (migration 0008). */

/** One character pair (see common/requests/terms.ts) of one request's description. */
export interface RequestTermTable {
  town_id: string;
  term: string;
  request_id: string;
}

export interface RequestTermsDB {
  request_terms: RequestTermTable;
}
