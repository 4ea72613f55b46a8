/** Paths and query keys of the care API; the shapes come from common/care/schemas.ts. */
export const CARE = '/api/care';
export const RECIPIENTS = `${CARE}/recipients`;
export const recipientKey = (id: string) => [RECIPIENTS, 'detail', id] as const;
export const visitsKey = (id: string) => [RECIPIENTS, 'visits', id] as const;

/** Age this year from a birth year, or null. */
export function ageOf(birthYear: number | null): number | null {
  return birthYear ? new Date().getFullYear() - birthYear : null;
}
