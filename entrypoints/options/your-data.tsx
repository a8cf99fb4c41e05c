/**
 * The options page's sections for the user's own data (issue 4): the profile of sites and
 * details, the form observation switch, and export / import / delete everything. They talk to
 * the background (utils/background/profile-service.ts), which owns the user database.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useI18n } from '@/components/i18n';
import { ProfileSites } from '@/components/profile-sites';
import { ImportPreview } from '@/components/import-preview';
import { send } from '@/utils/messaging/client';
import { siteFromInput, type SiteProfile, type UserDataExport } from '@/utils/profile/types';
import { diffImport, parseUserDataFile, type ImportDiff } from '@/utils/profile/transfer';
import { exposuresUrl } from '@/utils/ui/pages';
import type { ProfileDetail } from '@/utils/taxonomy/details';
import { saveFailureKey } from '@/utils/ui/save-error';

/** The profile list, reloaded after every change and when another page changes it. */
function useProfiles() {
  const [profiles, setProfiles] = useState<SiteProfile[] | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(() => {
    send('ui:profile-list', {}).then(
      (list) => {
        setProfiles(list);
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, []);
  useEffect(() => {
    reload();
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);
  return { profiles, setProfiles, failed, reload };
}

export function ProfileSection({ profiles, setProfiles, failed, reload }: ReturnType<typeof useProfiles>) {
  const { t } = useI18n();
  const [saveError, setSaveError] = useState<string | null>(null);
  // The reload shows what is stored either way; a refused save also says so.
  const run = (p: Promise<unknown>) =>
    void p.then(
      () => {
        setSaveError(null);
        reload();
      },
      (error: unknown) => {
        setSaveError(saveFailureKey(error));
        reload();
      },
    );
  return (
    <section aria-labelledby="profile">
      <h2 id="profile">{t('profileHeading')}</h2>
      <p class="lead">{t('profileLead')}</p>
      <p>
        <a href={exposuresUrl()}>{t('linkExposures')}</a>
      </p>
      {failed ? (
        <p class="error">{t('profileFailed')}</p>
      ) : !profiles ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <ProfileSites
          profiles={profiles}
          parseSite={siteFromInput}
          onAdd={(site) => run(send('ui:profile-add-site', { site }))}
          onToggle={(site, detail: ProfileDetail, on) => {
            // Show the press at once; the reload confirms what was stored.
            setProfiles(withDetail(profiles, site, detail, on));
            run(send('ui:profile-set-detail', { site, detail, on }));
          }}
          onRemove={(site) => run(send('ui:profile-remove-site', { site }))}
        />
      )}
      {saveError ? (
        <p class="error" role="alert">
          {t(saveError)}
        </p>
      ) : null}
    </section>
  );
}

/** The list with one detail of one site pressed or released. */
function withDetail(profiles: SiteProfile[], site: string, detail: ProfileDetail, on: boolean): SiteProfile[] {
  return profiles.map((p) => {
    if (p.site !== site) return p;
    const rest = p.details.filter((d) => d.detail !== detail);
    return { ...p, details: on ? [...rest, { detail, source: 'entered', at: Date.now() }] : rest };
  });
}

export function ObservationSection() {
  const { t } = useI18n();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    send('ui:observation-get', {}).then((r) => setEnabled(r.enabled), () => setFailure('saveFailed'));
  }, []);
  const change = (next: boolean) => {
    setEnabled(next);
    send('ui:observation-set', { enabled: next }).then(
      (r) => {
        setFailure(null);
        setEnabled(r.enabled);
      },
      (error: unknown) => {
        setFailure(saveFailureKey(error));
        setEnabled(!next);
      },
    );
  };
  return (
    <section aria-labelledby="observation">
      <h2 id="observation">{t('observationHeading')}</h2>
      {enabled === null && !failure ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <div class="field">
          <input
            id="observe-forms"
            type="checkbox"
            checked={enabled === true}
            disabled={enabled === null}
            aria-describedby="observe-forms-hint"
            onChange={(e) => change((e.currentTarget as HTMLInputElement).checked)}
          />
          <label for="observe-forms">
            {t('observationLabel')}
            <span class="hint" id="observe-forms-hint">
              {t('observationHint')}
            </span>
          </label>
        </div>
      )}
      {failure ? (
        <p class="error" role="alert">
          {t(failure)}
        </p>
      ) : null}
    </section>
  );
}

type ImportState =
  | { kind: 'idle' }
  | { kind: 'errors'; errors: string[] }
  | { kind: 'preview'; data: UserDataExport; diff: ImportDiff }
  | { kind: 'done' }
  /** `message`: importFailed, or importFailedFull for a full disk (nothing was imported either way). */
  | { kind: 'failed'; message: string };

/** Download `text` as a file (on the user's click; nothing leaves the device). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function DataSection({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const [importState, setImportState] = useState<ImportState>({ kind: 'idle' });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const exportData = () => {
    setStatus(null);
    send('ui:data-export', {}).then(
      (data) => {
        download(`exposure-watch-data-${data.exported.slice(0, 10)}.json`, JSON.stringify(data, null, 2));
        setStatus(t('exportDone'));
      },
      () => setStatus(t('exportFailed')),
    );
  };

  const chooseFile = async (file: File | undefined) => {
    setStatus(null);
    if (!file) return;
    const parsed = parseUserDataFile(await file.text());
    if (!parsed.ok) return setImportState({ kind: 'errors', errors: parsed.errors });
    try {
      const current = await send('ui:data-export', {});
      setImportState({ kind: 'preview', data: parsed.data, diff: diffImport(current, parsed.data) });
    } catch {
      setImportState({ kind: 'failed', message: 'importFailed' });
    }
  };

  const applyImport = (data: UserDataExport) => {
    send('ui:data-import', { data }).then(
      () => {
        setImportState({ kind: 'done' });
        onChanged();
      },
      (error: unknown) => setImportState({ kind: 'failed', message: saveFailureKey(error, { full: 'importFailedFull', other: 'importFailed' }) }),
    );
  };

  const deleteAll = () => {
    setConfirmDelete(false);
    send('ui:data-delete-all', {}).then(
      () => {
        setStatus(t('deleteDone'));
        onChanged();
      },
      () => setStatus(t('deleteFailed')),
    );
  };

  return (
    <section aria-labelledby="your-data">
      <h2 id="your-data">{t('dataHeading')}</h2>
      <p class="lead">{t('dataLead')}</p>
      <div class="data-actions">
        <button type="button" class="button" onClick={exportData}>
          {t('exportButton')}
        </button>
        <label class="button file-button">
          {t('importButton')}
          <input
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              void chooseFile(input.files?.[0]);
              input.value = '';
            }}
          />
        </label>
        {confirmDelete ? null : (
          <button type="button" class="button danger" onClick={() => setConfirmDelete(true)}>
            {t('deleteButton')}
          </button>
        )}
      </div>
      {confirmDelete ? (
        <div class="confirm" role="alertdialog" aria-label={t('deleteButton')}>
          <p>{t('deleteConfirm')}</p>
          <button type="button" class="button danger" onClick={deleteAll}>
            {t('deleteConfirmYes')}
          </button>{' '}
          <button type="button" onClick={() => setConfirmDelete(false)}>
            {t('dialogCancel')}
          </button>
        </div>
      ) : null}
      {importState.kind === 'errors' ? (
        <div class="import-errors" role="alert">
          <p class="error">{t('importInvalid')}</p>
          <ul>
            {importState.errors.map((e) => (
              <li key={e}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {importState.kind === 'preview' ? (
        <ImportPreview diff={importState.diff} onConfirm={() => applyImport(importState.data)} onCancel={() => setImportState({ kind: 'idle' })} />
      ) : null}
      {importState.kind === 'done' ? <p role="status">{t('importDone')}</p> : null}
      {importState.kind === 'failed' ? (
        <p class="error" role="alert">
          {t(importState.message)}
        </p>
      ) : null}
      {status ? <p role="status">{status}</p> : null}
    </section>
  );
}

/** All three sections, sharing the profile list so an import or delete refreshes it. */
export function YourDataSections() {
  const profiles = useProfiles();
  return (
    <>
      <ProfileSection {...profiles} />
      <ObservationSection />
      <DataSection onChanged={profiles.reload} />
    </>
  );
}
