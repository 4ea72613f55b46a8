/** What the resident's report page needs before anything else: categories and places, no personal data. */
import type { PublicCategories } from '../../../common/requests/public-schemas.ts';
import type { Deps } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { publicCategories as enabledCategories } from './categories.repo.ts';
import { CategoryIcon } from '../../../common/requests/schemas.ts';

/** The town by code, or the only town when the deployment holds one. */
async function findTown(deps: Deps, code: string | undefined) {
  const towns = await deps.db
    .selectFrom('towns')
    .select(['id', 'code', 'name'])
    .$if(!!code, (q) => q.where('code', '=', code ?? ''))
    .orderBy('created_at')
    .limit(2)
    .execute();
  const town = towns[0];
  if (!town || (!code && towns.length > 1)) throw notFound();
  return town;
}

export async function publicCategories(deps: Deps, code: string | undefined): Promise<PublicCategories> {
  const town = await findTown(deps, code);
  const [categories, villages, hamlets] = await Promise.all([
    enabledCategories(deps.db, town.id),
    deps.db
      .selectFrom('villages')
      .select(['id', 'name'])
      .where('town_id', '=', town.id)
      .where('disabled', '=', 0)
      .orderBy('sort')
      .orderBy('name')
      .execute(),
    deps.db
      .selectFrom('hamlets')
      .select(['id', 'name', 'village_id'])
      .where('town_id', '=', town.id)
      .where('disabled', '=', 0)
      .orderBy('name')
      .execute(),
  ]);
  const byVillage = new Map<string, { id: string; name: string }[]>();
  for (const h of hamlets) {
    const list = byVillage.get(h.village_id) ?? [];
    list.push({ id: h.id, name: h.name });
    byVillage.set(h.village_id, list);
  }
  return {
    town: { code: town.code, name: town.name },
    categories: categories.map((c) => {
      const icon = CategoryIcon.safeParse(c.icon);
      return {
        id: c.id,
        code: c.code,
        name: c.name,
        icon: icon.success ? icon.data : 'other',
        description: c.description,
      };
    }),
    villages: villages.map((v) => ({ id: v.id, name: v.name, hamlets: byVillage.get(v.id) ?? [] })),
  };
}
