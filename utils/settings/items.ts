/**
 * Small settings and per-site state in `storage.local` / `storage.session` (WXT storage items).
 * Larger data (feed, profile) lives in IndexedDB (utils/db).
 */
import { storage } from '#imports';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '@/utils/policy/alert';
import { guardWrite } from '@/utils/db/storage-error';

/** Alert settings; a missing or bad field falls back to its default alone. */
export const alertSettings = storage.defineItem<AlertSettings>('local:alert-settings', {
  fallback: DEFAULT_ALERT_SETTINGS,
  version: 1,
});

/** Registrable domain -> breach ids the user dismissed the notice for on that site. */
export const dismissals = storage.defineItem<Record<string, string[]>>('local:dismissals', {
  fallback: {},
  version: 1,
});

/** Read alert settings, repairing any missing or wrongly typed field with its default. */
export async function readAlertSettings(): Promise<AlertSettings> {
  const raw: Partial<Record<keyof AlertSettings, unknown>> = (await alertSettings.getValue()) ?? {};
  const d = DEFAULT_ALERT_SETTINGS;
  return {
    enabled: typeof raw.enabled === 'boolean' ? raw.enabled : d.enabled,
    ageWindowDays: typeof raw.ageWindowDays === 'number' && raw.ageWindowDays > 0 ? raw.ageWindowDays : d.ageWindowDays,
    alertUnverified: typeof raw.alertUnverified === 'boolean' ? raw.alertUnverified : d.alertUnverified,
    alertSensitive: typeof raw.alertSensitive === 'boolean' ? raw.alertSensitive : d.alertSensitive,
    mutedSites: Array.isArray(raw.mutedSites) ? raw.mutedSites.filter((s) => typeof s === 'string') : d.mutedSites,
  };
}

/** Add `breachId` to the site's dismissals (idempotent). @throws StorageError when storage.local refuses the write. */
export async function dismiss(site: string, breachId: string): Promise<void> {
  const all = await dismissals.getValue();
  const list = all[site] ?? [];
  if (!list.includes(breachId)) await guardWrite('the dismissed warnings', () => dismissals.setValue({ ...all, [site]: [...list, breachId] }));
}

/** Key of a tab's verdict in `storage.session` (kept there: the service worker can die any time). */
export const tabVerdictKey = (tabId: number) => `session:tab-verdict:${tabId}` as const;
