/** Types of the duty API, inferred from the shared schemas. */
import type { z } from 'zod';
import type * as S from '../../../../common/duty/schemas.ts';

export type Roster = z.infer<typeof S.Roster>;
export type RosterRule = z.infer<typeof S.RosterRule>;
export type ShiftView = z.infer<typeof S.ShiftView>;
export type ShiftDef = z.infer<typeof S.ShiftDef>;
export type Leave = z.infer<typeof S.Leave>;
export type Swap = z.infer<typeof S.Swap>;
export type ServiceHour = z.infer<typeof S.ServiceHour>;
export type OnDuty = z.infer<typeof S.OnDuty>;
export type GenerateResult = z.infer<typeof S.GenerateResult>;

/** The colour of a shift's tag by its status. */
export const STATUS_COLOUR: Record<ShiftView['status'], string> = {
  scheduled: 'blue',
  checked_in: 'green',
  completed: 'default',
  no_show: 'red',
  cancelled: 'default',
};

/** `HH:mm` in Shanghai of an ISO instant. */
export const hhmm = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);
