/** The working-day calendar's routes: a date in the path, the override in the body, a year's list. */
import { z } from 'zod';
import { CalendarDay, CalendarDayInput } from './schemas.ts';

/** True for a YYYY-MM-DD string that names a real day (no 2026-02-30). */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** `:date` of `PUT/DELETE /api/calendar/:date`. */
export const CalendarDateParams = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
    .refine(isRealDate, { message: 'validation.realDate' }),
});

/** The body of `PUT /api/calendar/:date`: a holiday or a make-up working day, and its name. */
export const CalendarDayBody = CalendarDayInput.omit({ date: true });
export type CalendarDayBody = z.infer<typeof CalendarDayBody>;

/** A year's overrides, sorted by date. */
export const CalendarList = z.object({ items: z.array(CalendarDay) });
