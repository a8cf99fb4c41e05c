/**
 * Messages of the user's exposure (issue 4): profile, checklist, "All my exposures", export /
 * import / delete, the form observation switch, and the observer's one message. Spread into
 * the one protocol (./protocol.ts); same rules: zod schema per request, typed response.
 */
import * as z from 'zod';
import { PROFILE_DETAILS, type ProfileDetail } from '@/utils/taxonomy/details';
import { ChecklistEntry as ChecklistEntrySchema, SiteName, UserDataExport } from '@/utils/profile/types';
import type { ChecklistEntry, SiteProfile } from '@/utils/profile/types';
import type { ExposureOverview } from '@/utils/assessment/exposures';

const Empty = z.object({}).strict();
const Detail = z.enum(PROFILE_DETAILS as unknown as [ProfileDetail, ...ProfileDetail[]]);

export const profileRequests = {
  /**
   * Observer script: the KINDS of details a form the user just submitted asked for, as canonical
   * ids. Never values. The site is taken from the sender; private tabs are ignored.
   */
  'content:observed-details': z.object({ details: z.array(Detail).min(1).max(PROFILE_DETAILS.length) }).strict(),
  /** Extension page: one site's profile and checklist. */
  'ui:profile-get': z.object({ site: SiteName }).strict(),
  /** Extension page: every site in the profile. */
  'ui:profile-list': Empty,
  /** Extension page: add a site to the profile (no details yet). */
  'ui:profile-add-site': z.object({ site: SiteName }).strict(),
  /** Extension page: the user did (`on`) or did not give `site` this detail. */
  'ui:profile-set-detail': z.object({ site: SiteName, detail: Detail, on: z.boolean() }).strict(),
  /** Extension page: forget a site (profile, checklist ticks, warned). */
  'ui:profile-remove-site': z.object({ site: SiteName }).strict(),
  /** Extension page: tick or untick a remediation step. */
  'ui:checklist-set': ChecklistEntrySchema.omit({ at: true }),
  /** Extension page: "All my exposures". */
  'ui:exposures': Empty,
  /** Extension page: everything the user stored, as the export document. */
  'ui:data-export': Empty,
  /** Extension page: import a validated export, after the user confirmed the shown changes. */
  'ui:data-import': z.object({ data: UserDataExport }).strict(),
  /** Extension page: delete everything the user stored. */
  'ui:data-delete-all': Empty,
  /** Extension page: read / set the form observation switch (registration follows). */
  'ui:observation-get': Empty,
  'ui:observation-set': z.object({ enabled: z.boolean() }).strict(),
} as const;

export interface SiteProfileState {
  profile: SiteProfile | null;
  checklist: ChecklistEntry[];
}

export interface ProfileResponses {
  'content:observed-details': { recorded: number };
  'ui:profile-get': SiteProfileState;
  'ui:profile-list': SiteProfile[];
  'ui:profile-add-site': SiteProfile;
  'ui:profile-set-detail': SiteProfile;
  'ui:profile-remove-site': { ok: true };
  'ui:checklist-set': ChecklistEntry;
  'ui:exposures': ExposureOverview;
  'ui:data-export': UserDataExport;
  'ui:data-import': { ok: true };
  'ui:data-delete-all': { ok: true };
  'ui:observation-get': { enabled: boolean };
  'ui:observation-set': { enabled: boolean };
}
