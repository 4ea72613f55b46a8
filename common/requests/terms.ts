/**
 * Search terms of a request's description: its distinct pairs of adjacent characters (code
 * points), with ASCII letters folded to lower case. A two-character Chinese word like 路灯 is
 * one term, so the staff list finds requests containing a keyword through the `request_terms`
 * index (migration 0008) instead of reading every description of the town: a text containing
 * the keyword contains all of the keyword's pairs. The match itself is still the substring test
 * it always was; the terms only narrow the rows it runs on. Shorter keywords (one character)
 * have no pair and are searched by scanning, as before.
 */

/** Folds ASCII letters only, as SQLite's `lower()` and `LIKE` do, so both databases agree. */
export const foldAscii = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The distinct character pairs of a text. */
export function searchTerms(text: string): string[] {
  const chars = Array.from(foldAscii(text));
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return [...out];
}

/** At most this many of a keyword's terms are intersected; the substring test checks the rest. */
export const MAX_QUERY_TERMS = 6;
