/** Types of the activities API (from the shared schemas), its endpoints and query keys. */
import type { z } from 'zod';
import type { ActivityRequestRef as ActivityRequestRefSchema } from '../../../../common/activities/schemas.ts';

export type {
  ActivityDetail,
  ActivityFigures,
  ActivityReport,
  ActivitySummary,
  SeriesDetail,
  Signup,
  Stall,
  StallKind,
} from '../../../../common/activities/schemas.ts';
export type ActivityRequestRef = z.infer<typeof ActivityRequestRefSchema>;

export const ACTIVITIES = '/api/activities';
export const detailKey = (id: string) => [ACTIVITIES, 'detail', id] as const;
export const signupsKey = (id: string) => [ACTIVITIES, 'signups', id] as const;
export const STALL_KINDS = `${ACTIVITIES}/stall-kinds`;
