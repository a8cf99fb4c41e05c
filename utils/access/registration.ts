/**
 * Run-time registration of the notice content script on the sites the user granted that have
 * alertable breaches (DESIGN.md, "Permissions and privacy"). Reconciled at every start, on
 * `permissions.onAdded` / `onRemoved`, and after every feed change.
 */
import type { browser } from 'wxt/browser';

export const CONTENT_SCRIPT_ID = 'exposure-watch-notice';
/** Built from entrypoints/notice/ (an unlisted script). */
export const CONTENT_SCRIPT_FILE = 'notice.js';

/**
 * True when granted match pattern `g` covers pattern `p` (both `scheme://host/path` with
 * path `/*`). `*` scheme covers http and https; `*.x` host covers `x`, `*.x` and any `y.x`.
 */
export function patternCovers(g: string, p: string): boolean {
  if (g === '<all_urls>' || g === p) return true;
  const gm = /^(\*|https?):\/\/([^/]+)\/(.*)$/.exec(g);
  const pm = /^(\*|https?):\/\/([^/]+)\/(.*)$/.exec(p);
  if (!gm || !pm) return false;
  const [, gs, gh, gp] = gm;
  const [, ps, ph] = pm;
  if (gp !== '*') return false;
  if (gs !== '*' && gs !== ps) return false;
  if (gh === '*') return true;
  const ghost = gh.startsWith('*.') ? gh.slice(2) : null;
  const phost = ph.startsWith('*.') ? ph.slice(2) : ph;
  if (ghost === null) return gh === ph;
  return phost === ghost || phost.endsWith(`.${ghost}`);
}

/** The patterns in `wanted` that some granted origin covers. */
export function grantedPatterns(wanted: readonly string[], granted: readonly string[]): string[] {
  return wanted.filter((p) => granted.some((g) => patternCovers(g, p)));
}

/**
 * Make the registered content script match exactly `wanted ∩ granted`: register, update or
 * unregister. Returns the patterns it now matches.
 */
export async function reconcileContentScripts(
  api: Pick<typeof browser, 'scripting' | 'permissions'>,
  wanted: readonly string[],
): Promise<string[]> {
  return reconcileScript(api, { id: CONTENT_SCRIPT_ID, file: CONTENT_SCRIPT_FILE }, wanted);
}

/** The opt-in form observer (entrypoints/observer/), registered only while the user has it on. */
export const OBSERVER_SCRIPT_ID = 'exposure-watch-observer';
export const OBSERVER_SCRIPT_FILE = 'observer.js';

/**
 * Make run-time content script `script` match exactly `wanted ∩ granted` (register, update or
 * unregister; `wanted` empty unregisters). Returns the patterns it now matches.
 */
export async function reconcileScript(
  api: Pick<typeof browser, 'scripting' | 'permissions'>,
  { id, file }: { id: string; file: string },
  wanted: readonly string[],
): Promise<string[]> {
  const { origins = [] } = await api.permissions.getAll();
  const matches = grantedPatterns(wanted, origins).sort();
  const existing = (await api.scripting.getRegisteredContentScripts({ ids: [id] }))[0];
  if (matches.length === 0) {
    if (existing) await api.scripting.unregisterContentScripts({ ids: [id] });
    return [];
  }
  const script = {
    id,
    js: [file],
    matches,
    runAt: 'document_idle' as const,
    allFrames: false,
    persistAcrossSessions: true,
  };
  if (!existing) await api.scripting.registerContentScripts([script]);
  else if ([...(existing.matches ?? [])].sort().join('\n') !== matches.join('\n')) {
    await api.scripting.updateContentScripts([script]);
  }
  return matches;
}
