/**
 * The user's own data: which canonical details they gave each site (the profile), which
 * remediation steps they ticked (the checklist), and the breached sites they were warned on.
 * Zod schemas validate everything that crosses a boundary (messages, import files); the types
 * are what the user database (utils/profile/user-db.ts) stores.
 */
import * as z from 'zod';
import { siteOf } from '@/utils/match/site';
import { PROFILE_DETAILS, type ProfileDetail } from '@/utils/taxonomy/details';

/** Where a profile detail came from: the user said so, or (opt-in) a form on the site asked for it. */
export type DetailSource = 'entered' | 'observed';

/** The registrable domain of `raw` ("https://www.Coupang.com/x", "www.coupang.com" -> "coupang.com"), or null. */
export function siteFromInput(raw: string): string | null {
  const text = raw.trim();
  if (!text || text.length > 2048) return null;
  return siteOf(/^https?:\/\//i.test(text) ? text : `https://${text}/`)?.site ?? null;
}

/** A registrable domain exactly as `siteOf` gives it (lower-case ASCII, punycode for IDNs). */
export const SiteName = z
  .string()
  .max(253)
  .refine((s) => siteFromInput(s) === s, { message: 'expected a registrable domain such as coupang.com (lower case, no www., no scheme)' });

const DetailId = z.enum(PROFILE_DETAILS as unknown as [ProfileDetail, ...ProfileDetail[]], {
  error: () => `expected one of ${PROFILE_DETAILS.join(', ')}`,
});
/** Epoch milliseconds. */
const Time = z.number().int().nonnegative();
const BreachId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'expected a breach id of letters, digits, . _ -');
const StepId = z.string().regex(/^[a-z-]+\.[a-z0-9-]+$/, 'expected a step id such as phone.smishing').max(100);

export const ProfileEntry = z.object({ detail: DetailId, source: z.enum(['entered', 'observed']), at: Time }).strict();

export const SiteProfile = z
  .object({
    site: SiteName,
    details: z.array(ProfileEntry).max(PROFILE_DETAILS.length),
    addedAt: Time,
    updatedAt: Time,
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.details.forEach((d, i) => {
      if (seen.has(d.detail)) ctx.addIssue({ code: 'custom', path: ['details', i, 'detail'], message: `${d.detail} is listed twice` });
      seen.add(d.detail);
    });
  });

export const ChecklistEntry = z.object({ site: SiteName, breachId: BreachId, stepId: StepId, done: z.boolean(), at: Time }).strict();

export const WarnedSite = z.object({ site: SiteName, at: Time }).strict();

export type ProfileEntry = z.infer<typeof ProfileEntry>;
export type SiteProfile = z.infer<typeof SiteProfile>;
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;
export type WarnedSite = z.infer<typeof WarnedSite>;

export const USER_DATA_FORMAT = 'exposure-watch-user-data';
export const USER_DATA_VERSION = 1;

/** The export / import file: everything the user stored, nothing from the feed. */
export const UserDataExport = z
  .object({
    format: z.literal(USER_DATA_FORMAT, { error: () => `expected "${USER_DATA_FORMAT}" (is this an Exposure Watch export?)` }),
    version: z.literal(USER_DATA_VERSION, { error: () => `expected ${USER_DATA_VERSION}` }),
    exported: z.iso.datetime({ offset: false }),
    profile: z.array(SiteProfile).max(10_000),
    checklist: z.array(ChecklistEntry).max(200_000),
    warned: z.array(WarnedSite).max(10_000),
    /** Registrable domain -> breach ids whose notice the user dismissed there. */
    dismissals: z.record(SiteName, z.array(BreachId).max(1_000)),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const sites = new Set<string>();
    doc.profile.forEach((p, i) => {
      if (sites.has(p.site)) ctx.addIssue({ code: 'custom', path: ['profile', i, 'site'], message: `${p.site} appears twice` });
      sites.add(p.site);
    });
  });

export type UserDataExport = z.infer<typeof UserDataExport>;
