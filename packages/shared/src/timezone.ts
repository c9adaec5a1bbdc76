import * as z from 'zod';

/**
 * The canonical spelling of an IANA time zone name ("america/los_angeles" → "America/Los_Angeles"), or null when
 * the runtime does not know it. Intl is the authority: it is what formats and resolves dates on both sides.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!name || name.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** An IANA time zone name such as `America/Los_Angeles`; parses to its canonical spelling. */
export const timeZoneSchema = z
  .string()
  .trim()
  .transform((name, ctx) => {
    const zone = canonicalTimeZone(name);
    if (zone) return zone;
    ctx.addIssue({
      code: 'custom',
      message: `unknown time zone "${name.slice(0, 64)}" (expected an IANA name such as America/Los_Angeles)`,
    });
    return z.NEVER;
  });
