/**
 * Opt-in form observation (off by default; switched on in options). Registered at run time by
 * the background only while the switch is on, only on granted breached sites that are not
 * sensitive (utils/access/observer-sites.ts). On a form submit it sends the KINDS of details the
 * form carried, e.g. ["name", "phone", "address"]: never a value. Nothing in private windows.
 * Tiny on purpose: no framework, no polyfill (the native `chrome` namespace returns promises).
 */
import { detailsInForm } from './classify';

// Type-only import: nothing of wxt/browser (or its polyfill) lands in this bundle.
const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;

export default defineUnlistedScript(() => {
  // Private windows: never observe (the background also drops such messages).
  if (api.extension?.inIncognitoContext) return;
  document.addEventListener(
    'submit',
    (event) => {
      // The page's own script can dispatch a made-up submit event; only the browser's counts.
      if (!event.isTrusted) return;
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      const details = detailsInForm(form);
      if (details.length > 0) void api.runtime.sendMessage({ type: 'content:observed-details', details }).catch(() => undefined);
    },
    { capture: true },
  );
});
