/** The home page's live counts. */
import { z } from 'zod';

export const Overview = z.object({
  villages: z.number().int(),
  hamlets: z.number().int(),
  workstations: z.number().int(),
  departments: z.number().int(),
  teams: z.number().int(),
  members: z.number().int(),
  people: z.number().int(),
  teamsBreakdown: z.array(
    z.object({ teamId: z.string(), name: z.string(), colour: z.string(), members: z.number().int() }),
  ),
  villagesBreakdown: z.array(z.object({ villageId: z.string(), name: z.string(), members: z.number().int() })),
});
export type Overview = z.infer<typeof Overview>;
