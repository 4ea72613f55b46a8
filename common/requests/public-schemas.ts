/** What the resident's report page loads before a session exists: the town, its categories and places. */
import { z } from 'zod';
import { CategoryIcon } from './schemas.ts';

/** `GET /api/public/categories?town=` — no personal data, enabled records only. */
export const PublicCategories = z.object({
  town: z.object({ code: z.string(), name: z.string() }),
  /** Enabled categories in the town's order. */
  categories: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      icon: CategoryIcon,
      description: z.string().nullable(),
    }),
  ),
  /** Enabled villages with their enabled natural villages, for the "where" picker. */
  villages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      hamlets: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
});
export type PublicCategories = z.infer<typeof PublicCategories>;

/** `?town=`: the town code, optional while the deployment holds one town. */
export const PublicTownQuery = z.object({ town: z.string().trim().max(32).optional() });
