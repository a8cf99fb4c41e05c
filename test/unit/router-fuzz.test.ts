// Fuzzing the one message router wired to the REAL handlers (createServices with fakeBrowser and
// fake-indexeddb): random payloads from random senders. Whatever arrives, nothing throws out of
// the router, a refusal is a rejected promise with MessageRejected, logged exactly once, and it
// changes nothing stored; an accepted message came from a sender allowed to send it.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createServices } from '@/utils/background/services';
import { createRouter, MessageRejected } from '@/utils/messaging/router';
import { requests, type MessageName } from '@/utils/messaging/protocol';
import { replaceFeed } from '@/utils/db/feed-store';
import { userDb } from '@/utils/profile/user-db';
import { dismissals } from '@/utils/settings/items';
import { observeForms } from '@/utils/profile/settings';
import { REMEDIATION_STEPS } from '@/utils/remediation/catalog';
import { PROFILE_DETAILS } from '@/utils/taxonomy/details';
import { USER_DATA_FORMAT, USER_DATA_VERSION } from '@/utils/profile/types';
import { FEED_FORMAT, type FeedDocument } from '@/utils/feed/schema';
import { makeBreach, NOW } from '../helpers/breach';
import { testBrowser } from '../helpers/fake-apis';
import { deleteAllDatabases, storedState } from '../helpers/stored-state';

const OWN_ID = fakeBrowser.runtime.id;
const ORIGIN = fakeBrowser.runtime.getURL('/');

const feed: FeedDocument = {
  format: FEED_FORMAT,
  sequence: 7,
  generated: '2026-11-29T00:00:00Z',
  attributions: [{ name: 'Have I Been Pwned', url: 'https://haveibeenpwned.com/', licence: 'CC BY 4.0' }],
  breaches: [makeBreach(), makeBreach({ id: 'Kurly2023', title: 'Kurly', domains: ['kurly.com'] })],
};
const granted = ['*://coupang.com/*', '*://*.coupang.com/*', '*://kurly.com/*', '*://*.kurly.com/*'];

/** What a user had stored before the message arrived: a refusal must leave all of it as it was. */
async function seed(): Promise<void> {
  fakeBrowser.reset();
  const db = await userDb();
  const tx = db.transaction(['profile', 'checklist', 'warned'], 'readwrite');
  await Promise.all([tx.objectStore('profile').clear(), tx.objectStore('checklist').clear(), tx.objectStore('warned').clear()]);
  await tx.objectStore('profile').put({
    site: 'coupang.com',
    details: [
      { detail: 'email', source: 'entered', at: NOW - 5 },
      { detail: 'phone', source: 'observed', at: NOW - 4 },
    ],
    addedAt: NOW - 9,
    updatedAt: NOW - 4,
  });
  await tx.objectStore('profile').put({ site: 'kurly.com', details: [], addedAt: NOW - 3, updatedAt: NOW - 3 });
  await tx.objectStore('checklist').put({ site: 'coupang.com', breachId: 'Coupang2025', stepId: 'phone.smishing', done: true, at: NOW - 2 });
  await tx.objectStore('warned').put({ site: 'coupang.com', at: NOW - 1 });
  await tx.done;
  await dismissals.setValue({ 'kurly.com': ['Kurly2023'] });
  await observeForms.setValue(true);
}

// ---- Senders ---------------------------------------------------------------------------------

const webUrls = ['https://www.coupang.com/checkout', 'http://kurly.com/', 'https://www.11st.co.kr/', 'https://login.coupang.com/x?y=1#z'];
const extensionUrls = ['popup.html', 'options.html', 'details.html?site=coupang.com', 'exposures.html'].map((p) => ORIGIN + p);
const foreignUrls = [
  'chrome-extension://other-extension-id/popup.html',
  'moz-extension://0b1e7c9a-0000-4000-8000-000000000000/options.html',
  `https://evil.example/${ORIGIN}`,
  ORIGIN.replace(/\/$/, '.evil.example/'),
  'file:///etc/passwd',
  'about:blank',
  'about:srcdoc',
  'data:text/html,<script>1</script>',
  'javascript:alert(1)',
  'blob:https://www.coupang.com/3f1c',
  'ftp://coupang.com/',
  '',
];

const tabArb = fc.record({ id: fc.constantFrom<number | undefined>(5, 5, 0, -1, undefined), index: fc.constant(0), incognito: fc.boolean() }, { requiredKeys: ['index'] });
const randomSender = fc.record(
  {
    id: fc.constantFrom<string | undefined>(OWN_ID, OWN_ID, OWN_ID, 'other-extension-id', '', undefined),
    url: fc.oneof(fc.constantFrom(...webUrls), fc.constantFrom(...extensionUrls), fc.constantFrom(...foreignUrls), fc.string({ maxLength: 30 })),
    tab: fc.option(tabArb, { nil: undefined, freq: 3 }),
    frameId: fc.constantFrom<number | undefined>(0, 0, 0, 1, 7, -1, undefined),
  },
  { requiredKeys: [] },
);
/** A content script's sender in a normal tab's top frame, and an extension page's. */
const contentSender = fc.record({ id: fc.constant(OWN_ID), url: fc.constantFrom(...webUrls), tab: fc.record({ id: fc.constant(5), index: fc.constant(0), incognito: fc.boolean() }), frameId: fc.constant(0) });
const pageSender = fc.record({ id: fc.constant(OWN_ID), url: fc.constantFrom(...extensionUrls) }).chain((s) => fc.option(tabArb, { nil: undefined }).map((tab) => (tab ? { ...s, tab, frameId: 0 } : s)));
/** A good sender with one field replaced by a random sender's. */
const nearMiss = fc
  .tuple(fc.oneof(contentSender, pageSender), randomSender, fc.constantFrom('id', 'url', 'tab', 'frameId'))
  .map(([good, other, field]) => ({ ...good, [field]: (other as Record<string, unknown>)[field] }));
const senderArb = fc.oneof(contentSender, pageSender, nearMiss, randomSender);
type FuzzSender = { id?: string; url?: string; tab?: { id?: number }; frameId?: number };

/** The rule from STYLE.md, written out independently of the router: who may send what. */
function mayBeAccepted(type: string, sender: FuzzSender): boolean {
  if (sender.id !== OWN_ID || typeof sender.url !== 'string') return false;
  if (type.startsWith('content:')) {
    return (
      typeof sender.tab?.id === 'number' && sender.tab.id >= 0 && sender.frameId === 0 && (sender.url.startsWith('https://') || sender.url.startsWith('http://'))
    );
  }
  return sender.url.startsWith(ORIGIN);
}

// ---- Payloads --------------------------------------------------------------------------------

const site = fc.constantFrom('coupang.com', 'kurly.com', 'nival.com', 'example.org');
const detail = fc.constantFrom(...PROFILE_DETAILS);
const stepId = fc.constantFrom(...REMEDIATION_STEPS.map((s) => s.id), 'phone.nope');
const breachId = fc.constantFrom('Coupang2025', 'Kurly2023', 'Nope');
const at = fc.integer({ min: 0, max: NOW });
const importData = fc.record({
  format: fc.constant(USER_DATA_FORMAT),
  version: fc.constant(USER_DATA_VERSION),
  exported: fc.constant('2026-11-29T12:00:00Z'),
  profile: fc.uniqueArray(
    fc.record({ site, details: fc.uniqueArray(fc.record({ detail, source: fc.constantFrom('entered', 'observed'), at }), { selector: (d) => d.detail, maxLength: 3 }), addedAt: at, updatedAt: at }),
    { selector: (p) => p.site, maxLength: 2 },
  ),
  checklist: fc.array(fc.record({ site, breachId, stepId: fc.constantFrom(...REMEDIATION_STEPS.map((s) => s.id)), done: fc.boolean(), at }), { maxLength: 3 }),
  warned: fc.array(fc.record({ site, at }), { maxLength: 2 }),
  dismissals: fc.dictionary(site, fc.array(breachId, { maxLength: 2 }), { maxKeys: 2 }),
});

/**
 * A well-formed payload per message type. Typed over every MessageName: a new message does not
 * compile until it is fuzzed too.
 */
const validPayloads: { [N in MessageName]: fc.Arbitrary<object> } = {
  'content:verdict': fc.constant({}),
  'content:shown': fc.constant({}),
  'content:dismiss': fc.record({ breachId }),
  'content:open-details': fc.constant({}),
  'content:observed-details': fc.record({ details: fc.uniqueArray(detail, { minLength: 1, maxLength: 4 }) }),
  'ui:site-report': fc.record({ url: fc.constantFrom(...webUrls) }),
  'ui:tab-verdict': fc.record({ tabId: fc.nat(10) }),
  'ui:access-status': fc.constant({}),
  'ui:feed-status': fc.constant({}),
  'ui:sync-now': fc.constant({}),
  'ui:profile-get': fc.record({ site }),
  'ui:profile-list': fc.constant({}),
  'ui:profile-add-site': fc.record({ site }),
  'ui:profile-set-detail': fc.record({ site, detail, on: fc.boolean() }),
  'ui:profile-remove-site': fc.record({ site }),
  'ui:checklist-set': fc.record({ site, breachId, stepId, done: fc.boolean() }),
  'ui:exposures': fc.constant({}),
  'ui:data-export': fc.constant({}),
  'ui:data-import': fc.record({ data: importData }),
  'ui:data-delete-all': fc.constant({}),
  'ui:observation-get': fc.constant({}),
  'ui:observation-set': fc.record({ enabled: fc.boolean() }),
};
const names = Object.keys(requests) as MessageName[];

const nastyKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'type', 'then');
const hugeString = fc.constantFrom(1_000, 100_000, 2_000_000).map((n) => 'x'.repeat(n));
const junk = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, key: fc.oneof(fc.string(), nastyKey) }),
  hugeString,
  fc.constantFrom(NaN, Infinity, -1, 1e308, -0, null, true, [], '', 'coupang.com'),
);

/** A valid payload with one thing wrong: a field of the wrong type, a missing or an extra field. */
const mutated = (name: MessageName) =>
  fc.tuple(validPayloads[name], junk, fc.oneof(nastyKey, fc.string({ maxLength: 12 })), fc.nat(3)).map(([payload, value, key, how]) => {
    const out: Record<string, unknown> = { ...payload };
    const keys = Object.keys(out);
    if (how === 0 && keys.length) out[keys[0]] = value;
    else if (how === 1 && keys.length) delete out[keys[0]];
    else Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
    return out;
  });

/** As a message arrives after the browser's JSON round trip: `__proto__` as an own key. */
const viaJson = (name: string, extra: string) => JSON.parse(`{"type":${JSON.stringify(name)},${extra}}`) as object;
const pollution = fc.constantFrom(...names).chain((name) =>
  fc.constantFrom(
    viaJson(name, '"__proto__":{"polluted":true,"enabled":true,"site":"coupang.com"}'),
    viaJson(name, '"constructor":{"prototype":{"polluted":true}}'),
    viaJson(name, '"data":{"__proto__":{"polluted":true}},"site":"coupang.com"'),
    viaJson(name, '"details":["name"],"__proto__":[]'),
  ),
);

const typeArb = fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 20 }), nastyKey, junk);
const messageArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...names).chain((type) => validPayloads[type].map((p) => ({ ...p, type }))) },
  { weight: 4, arbitrary: fc.constantFrom(...names).chain((type) => mutated(type).map((p) => ({ ...p, type }))) },
  { weight: 2, arbitrary: pollution },
  { weight: 1, arbitrary: fc.tuple(typeArb, fc.dictionary(fc.oneof(fc.string(), nastyKey), junk, { maxKeys: 3 })).map(([type, rest]) => ({ ...rest, type })) },
  { weight: 1, arbitrary: junk },
);

// ---- The property ----------------------------------------------------------------------------

const log = vi.fn<(m: string) => void>();
let env: ReturnType<typeof testBrowser>;
let route: ReturnType<typeof createRouter>;

beforeAll(async () => {
  await deleteAllDatabases();
  await replaceFeed(feed, { etag: null, origin: 'bundled', checkedAt: NOW, changedAt: NOW });
  env = testBrowser({ granted });
  const offline: typeof fetch = () => Promise.reject(new TypeError('offline (test)'));
  const services = createServices({ browser: env.browser, now: () => NOW, syncOptions: { fetch: offline } });
  route = createRouter(services.handlers, { id: OWN_ID, origin: ORIGIN }, log);
});

beforeEach(async () => {
  // The accepted 'ui:sync-now' fails offline and says so on the console.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await seed();
});

const polluted = () => Object.keys(Object.prototype).length > 0 || ({} as { polluted?: unknown }).polluted !== undefined;

describe('router fuzz (real handlers, fake storage)', () => {
  it('never throws, refuses with one log line and no stored change, accepts only allowed senders', async () => {
    const tally = { accepted: 0, refused: 0 };
    await fc.assert(
      fc
        .asyncProperty(messageArb, senderArb, async (message, sender) => {
          const before = await storedState(env);
          log.mockClear();
          let pending: Promise<unknown>;
          try {
            pending = route(message, sender as never);
          } catch (error) {
            throw new Error(`the router threw instead of rejecting: ${String(error)}`);
          }
          expect(pending).toBeInstanceOf(Promise);
          const outcome = await pending.then(
            (value) => ({ ok: true as const, value }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          expect(polluted()).toBe(false);
          if (!outcome.ok) {
            // No crash: the only way a message fails here is a refusal.
            expect(outcome.error).toBeInstanceOf(MessageRejected);
            expect(log).toHaveBeenCalledTimes(1);
            expect(await storedState(env)).toEqual(before);
            tally.refused++;
            return;
          }
          expect(log).not.toHaveBeenCalled();
          const { type, ...payload } = message as { type: MessageName };
          expect(mayBeAccepted(type, sender), `${type} accepted from ${JSON.stringify(sender)}`).toBe(true);
          expect(requests[type].safeParse(payload).success).toBe(true);
          tally.accepted++;
        })
        .beforeEach(seed),
      { numRuns: 1000, seed: Number(process.env.FUZZ_SEED ?? 20261129), endOnFailure: true },
    );
    // The fuzz must reach the handlers often enough to mean something, and refuse plenty.
    expect(tally.accepted).toBeGreaterThan(80);
    expect(tally.refused).toBeGreaterThan(500);
  }, 120_000);

  it('a valid destructive request from a web page, another extension or a subframe deletes nothing', async () => {
    for (const sender of [
      { id: OWN_ID, url: 'https://www.coupang.com/', tab: { id: 5, index: 0 }, frameId: 0 },
      { id: 'other-extension-id', url: 'chrome-extension://other-extension-id/x.html' },
      { id: OWN_ID, url: ORIGIN + 'options.html', tab: { id: 5, index: 0 }, frameId: 1, origin: 'https://evil.example' },
    ]) {
      const before = await storedState(env);
      log.mockClear();
      const refused = sender.frameId === 1 ? 'content:dismiss' : 'ui:data-delete-all';
      const message = refused === 'content:dismiss' ? { type: refused, breachId: 'Coupang2025' } : { type: refused };
      await expect(route(message, sender as never)).rejects.toBeInstanceOf(MessageRejected);
      expect(log).toHaveBeenCalledTimes(1);
      expect(await storedState(env)).toEqual(before);
    }
    // The same request from the options page does delete: the refusals above were the sender check.
    await route({ type: 'ui:data-delete-all' }, { id: OWN_ID, url: ORIGIN + 'options.html' } as never);
    expect((await storedState(env)).user.profile).toEqual([]);
  });

  // Written case by case, not from a rule, so a wrong rule shared by the router and
  // `mayBeAccepted` still shows: [who, sender, accept content:verdict?, accept ui:access-status?].
  const TOP = { tab: { id: 5, index: 0 }, frameId: 0 };
  it.each([
    ['a content script in a tab\'s top frame', { id: OWN_ID, url: 'https://www.coupang.com/cart', ...TOP }, true, false],
    ['a content script on an http page', { id: OWN_ID, url: 'http://kurly.com/', ...TOP }, true, false],
    ['the same in a subframe', { id: OWN_ID, url: 'https://www.coupang.com/', tab: { id: 5, index: 0 }, frameId: 3 }, false, false],
    ['an about:srcdoc frame made top in a tab', { id: OWN_ID, url: 'about:srcdoc', ...TOP }, false, false],
    ['a file:// page in a tab', { id: OWN_ID, url: 'file:///home/u/x.html', ...TOP }, false, false],
    ['a web page with no tab (a service worker of the page)', { id: OWN_ID, url: 'https://www.coupang.com/sw.js' }, false, false],
    ['our popup', { id: OWN_ID, url: `${ORIGIN}popup.html` }, false, true],
    ['our options page open in a tab', { id: OWN_ID, url: `${ORIGIN}options.html`, ...TOP }, false, true],
    ['a look-alike origin: our id as a subdomain', { id: OWN_ID, url: ORIGIN.replace(/\/$/, '.evil.example/') + 'popup.html' }, false, false],
    ['another extension\'s page', { id: 'other-extension-id', url: 'chrome-extension://other-extension-id/popup.html' }, false, false],
    ['another extension claiming our page', { id: 'other-extension-id', url: `${ORIGIN}popup.html` }, false, false],
    ['a Firefox moz-extension page of another add-on', { id: OWN_ID, url: 'moz-extension://0b1e7c9a-0000-4000-8000-000000000000/options.html' }, false, false],
  ])('sender table: %s', async (_who, sender, content, ui) => {
    for (const [type, want] of [['content:verdict', content], ['ui:access-status', ui]] as const) {
      log.mockClear();
      const outcome = await route({ type }, sender as never).then(
        () => 'accepted',
        (error: unknown) => (error instanceof MessageRejected ? 'refused' : `crashed: ${String(error)}`),
      );
      expect(outcome, type).toBe(want ? 'accepted' : 'refused');
      expect(log).toHaveBeenCalledTimes(want ? 0 : 1);
    }
  });

  it('a handler refusal (a breach the sending site does not have) is logged once and stores nothing', async () => {
    const before = await storedState(env);
    log.mockClear();
    const sender = { id: OWN_ID, url: 'https://www.coupang.com/', tab: { id: 5, index: 0 }, frameId: 0 };
    await expect(route({ type: 'content:dismiss', breachId: 'Kurly2023' }, sender as never)).rejects.toThrow(MessageRejected);
    expect(log.mock.calls).toEqual([['exposure-watch: dropped message: content:dismiss: no such breach on this site']]);
    expect(await storedState(env)).toEqual(before);
  });
});
