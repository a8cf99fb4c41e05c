import { browser } from 'wxt/browser';
import { storage } from '#imports';
import { createServices } from '@/utils/background/services';
import { createRouter } from '@/utils/messaging/router';
import { alertSettings } from '@/utils/settings/items';

export default defineBackground(() => {
  const services = createServices({
    browser,
    now: Date.now,
    verdictDelay:
      import.meta.env.MODE === 'e2e' ? async () => (await storage.getItem<number>('local:e2e-verdict-delay-ms')) ?? 0 : undefined,
  });
  let ready = services.start(false).catch((error: unknown) => console.error('exposure-watch: start failed', error));

  // Every listener is registered synchronously: an MV3 service worker is woken by events.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    ready = ready.then(() => services.start(true)).catch((error: unknown) => console.error('exposure-watch: install failed', error));
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') });
  });
  browser.permissions.onAdded.addListener(() => void ready.then(services.reconcile));
  browser.permissions.onRemoved.addListener(() => void ready.then(services.reconcile));
  // The alertable sites depend on the settings (age window, unverified, sensitive).
  alertSettings.watch(() => void ready.then(services.reconcile));
  // Feed sync: alarms, notification clicks, and the start-up check.
  services.sync.listen(() => ready);
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void services.forgetTab(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => void services.forgetTab(tabId));

  const route = createRouter(services.handlers, { id: browser.runtime.id, origin: browser.runtime.getURL('/') });
  browser.runtime.onMessage.addListener((message, sender) => ready.then(() => route(message, sender)));
});
