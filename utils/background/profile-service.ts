/**
 * The user's exposure in the background (issue 4): profile, checklist, "All my exposures",
 * export / import / delete, and the opt-in form observer (its run-time registration and its one
 * message). Its handlers join the table in ./services.ts.
 */
import type { browser as browserApi } from 'wxt/browser';
import { allBreaches } from '@/utils/db/feed-store';
import { OBSERVER_SCRIPT_FILE, OBSERVER_SCRIPT_ID, reconcileScript } from '@/utils/access/registration';
import { observablePatterns } from '@/utils/access/observer-sites';
import { readAlertSettings, dismissals } from '@/utils/settings/items';
import { observeForms } from '@/utils/profile/settings';
import {
  addSite,
  getSiteProfile,
  listProfiles,
  listWarned,
  noteWarned,
  recordObserved,
  removeSite,
  setDetail,
} from '@/utils/profile/store';
import { allChecklist, checklistFor, setStepDone } from '@/utils/checklist/store';
import { applyImport, deleteUserData, snapshotUserData, toExport } from '@/utils/profile/transfer';
import { summariseExposures } from '@/utils/assessment/exposures';
import { countsAsExposure } from '@/utils/assessment/assess';
import { REMEDIATION_STEPS } from '@/utils/remediation/catalog';
import { guardWrite } from '@/utils/db/storage-error';
import type { SiteReport } from '@/utils/messaging/protocol';
import { MessageRejected, type Handlers } from '@/utils/messaging/router';
import type { ProfileResponses } from '@/utils/messaging/profile-protocol';

export interface ProfileServiceDeps {
  browser: typeof browserApi;
  now: () => number;
  /** The site report of a URL (the one alert policy's decisions), from ./services.ts. */
  reportFor: (url: string) => Promise<SiteReport | null>;
}

export type ProfileHandlers = Pick<Handlers, keyof ProfileResponses>;

const STEP_IDS = new Set(REMEDIATION_STEPS.map((s) => s.id));

/**
 * True when the observer may record on the site of `report`: some breach there counts under the
 * alert policy and none is sensitive. Registration already limits the script to such sites;
 * this is the background's own check of what it is told.
 */
export function mayObserve(report: SiteReport): boolean {
  return report.breaches.some((v) => countsAsExposure(v.decision)) && !report.breaches.some((v) => v.breach.flags.sensitive);
}

export function createProfileService({ browser, now, reportFor }: ProfileServiceDeps) {
  /** Register the observer where allowed while the switch is on; unregister it otherwise. */
  async function reconcileObserver(): Promise<string[]> {
    let wanted: string[] = [];
    if (await observeForms.getValue()) {
      const [breaches, settings] = await Promise.all([allBreaches(), readAlertSettings()]);
      wanted = observablePatterns(breaches, now(), settings);
    }
    return reconcileScript(browser, { id: OBSERVER_SCRIPT_ID, file: OBSERVER_SCRIPT_FILE }, wanted);
  }

  /** The extension warned the user on `site` (a badge went up in a normal, non-private tab). */
  async function warned(site: string, incognito: boolean): Promise<void> {
    if (!incognito) await noteWarned(site, now());
  }

  const handlers: ProfileHandlers = {
    async 'content:observed-details'({ details }, sender) {
      // Nothing is recorded from private tabs, with the switch off, or off the allowed sites.
      if (sender.tab?.incognito) return { recorded: 0 };
      if (!(await observeForms.getValue())) return { recorded: 0 };
      const report = await reportFor(sender.url!);
      if (!report || !mayObserve(report)) return { recorded: 0 };
      await recordObserved(report.site, details, now());
      return { recorded: details.length };
    },
    async 'ui:profile-get'({ site }) {
      const [profile, checklist] = await Promise.all([getSiteProfile(site), checklistFor(site)]);
      return { profile, checklist };
    },
    async 'ui:profile-list'() {
      return listProfiles();
    },
    async 'ui:profile-add-site'({ site }) {
      return addSite(site, now());
    },
    async 'ui:profile-set-detail'({ site, detail, on }) {
      return setDetail(site, detail, on, now());
    },
    async 'ui:profile-remove-site'({ site }) {
      await removeSite(site);
      return { ok: true };
    },
    async 'ui:checklist-set'({ site, breachId, stepId, done }) {
      if (!STEP_IDS.has(stepId)) throw new MessageRejected('no such remediation step');
      return setStepDone(site, breachId, stepId, done, now());
    },
    async 'ui:exposures'() {
      const [profiles, warnedSites, checklist] = await Promise.all([listProfiles(), listWarned(), allChecklist()]);
      const bySite = new Map(profiles.map((p) => [p.site, p]));
      const warnedSet = new Set(warnedSites.map((w) => w.site));
      const sites = [...new Set([...bySite.keys(), ...warnedSet])];
      const inputs = await Promise.all(
        sites.map(async (site) => ({
          site,
          report: await reportFor(`https://${site}/`),
          profile: bySite.get(site) ?? null,
          checklist: checklist.filter((e) => e.site === site),
          warned: warnedSet.has(site),
        })),
      );
      return summariseExposures(inputs);
    },
    async 'ui:data-export'() {
      return toExport(await snapshotUserData(await dismissals.getValue()), now());
    },
    async 'ui:data-import'({ data }) {
      // All or nothing across two stores: the dismissals (storage.local) first, then the user
      // database in one transaction; if that is refused, the dismissals go back as they were.
      const current = await dismissals.getValue();
      const merged = { ...current };
      for (const [site, ids] of Object.entries(data.dismissals)) merged[site] = [...new Set([...(current[site] ?? []), ...ids])];
      await guardWrite('the imported data', () => dismissals.setValue(merged));
      try {
        await applyImport(data);
      } catch (error) {
        await dismissals.setValue(current).catch((undo: unknown) => console.error('exposure-watch: could not restore dismissals after a failed import', undo));
        throw error;
      }
      return { ok: true };
    },
    async 'ui:data-delete-all'() {
      await deleteUserData();
      // Removing needs no space, where writing `{}` could meet a full disk.
      await guardWrite('the deletion', () => dismissals.removeValue());
      return { ok: true };
    },
    async 'ui:observation-get'() {
      return { enabled: await observeForms.getValue() };
    },
    async 'ui:observation-set'({ enabled }) {
      await guardWrite('the setting', () => observeForms.setValue(enabled));
      await reconcileObserver();
      return { enabled };
    },
  };

  return { handlers, reconcileObserver, warned };
}

export type ProfileService = ReturnType<typeof createProfileService>;
