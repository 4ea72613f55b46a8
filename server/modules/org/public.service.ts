/** What residents see without signing in: the town and its open workstations. */
import type { z } from 'zod';
import type { PublicTown } from '../../../common/org/schemas.ts';
import type { Deps } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';

/** The town by code, or the only town when the deployment holds one. */
export async function publicTown(deps: Deps, code: string | undefined): Promise<z.infer<typeof PublicTown>> {
  const towns = await deps.db
    .selectFrom('towns')
    .select(['id', 'code', 'name', 'county'])
    .$if(!!code, (q) => q.where('code', '=', code ?? ''))
    .orderBy('created_at')
    .limit(2)
    .execute();
  const town = towns[0];
  if (!town || (!code && towns.length > 1)) throw notFound();
  const rows = await deps.db
    .selectFrom('workstations as w')
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'w.town_id').onRef('v.id', '=', 'w.village_id'))
    .select(['w.id', 'w.name', 'w.level', 'v.name as village_name', 'w.address', 'w.opening_hours', 'w.phone'])
    .where('w.town_id', '=', town.id)
    .where('w.disabled', '=', 0)
    .orderBy('w.level', 'desc')
    .orderBy('v.sort')
    .orderBy('w.name')
    .execute();
  return {
    code: town.code,
    name: town.name,
    county: town.county,
    workstations: rows.map((r) => ({
      id: r.id,
      name: r.name,
      level: r.level === 'town' ? 'town' : 'village',
      villageName: r.village_name ?? null,
      address: r.address,
      openingHours: r.opening_hours,
      phone: r.phone,
    })),
  };
}
