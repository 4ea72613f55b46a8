/** The search index of request descriptions (`request_terms`, migration 0008). */
import type { Kysely, Transaction } from 'kysely';
import { searchTerms } from '../../../common/requests/terms.ts';
import type { DB } from '../../db/schema.ts';

/**
 * Writes the terms of every request of a town, for requests written straight into the table
 * (the demo seed, bulk loads); intake writes each new request's terms itself. Idempotent.
 */
export async function indexRequestTerms(db: Kysely<DB> | Transaction<DB>, townId: string): Promise<number> {
  const rows = await db.selectFrom('requests').select(['id', 'description']).where('town_id', '=', townId).execute();
  const terms = rows.flatMap((r) =>
    searchTerms(r.description).map((term) => ({ town_id: townId, term, request_id: r.id })),
  );
  for (let i = 0; i < terms.length; i += 3000)
    await db
      .insertInto('request_terms')
      .values(terms.slice(i, i + 3000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  return terms.length;
}
