/** The form observation switch (off by default; DESIGN.md "Permissions and privacy"). */
import { storage } from '#imports';

/**
 * When true, the background registers the form observer (entrypoints/observer/) on the granted,
 * non-sensitive breached sites. Only the options page changes it, through `ui:observation-set`.
 */
export const observeForms = storage.defineItem<boolean>('local:observe-forms', { fallback: false, version: 1 });
