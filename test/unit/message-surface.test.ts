// What can reach the background at all. The page cannot: no externally_connectable in the
// manifest (scripts/check-permissions.ts against permissions-allowlist.json, run by npm test), no onMessageExternal / onConnect* listener, and
// no content script that listens to window messages. Only runtime.onMessage is routed, and it goes
// through the one router (sender checks and schemas, test/unit/router-fuzz.test.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MessageRejected } from '@/utils/messaging/router';
import { fakePermissions, fakeScripting } from '../helpers/fake-apis';
import { deleteAllDatabases } from '../helpers/stored-state';

type Listener = (...args: unknown[]) => unknown;

/** Every event of every fakeBrowser namespace, replaced by one that records who listens. */
function recordListeners(): { listeners: Map<string, Listener[]>; restore: () => void } {
  const listeners = new Map<string, Listener[]>();
  const undo: (() => void)[] = [];
  const api = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  // permissions and scripting are not mocked by fakeBrowser: give them state first.
  const originals = { permissions: api.permissions, scripting: api.scripting };
  api.permissions = { ...api.permissions, ...fakePermissions() };
  api.scripting = { ...api.scripting, ...fakeScripting() };
  undo.push(() => Object.assign(api, originals));
  const walk = (path: string, value: Record<string, unknown>, depth: number) => {
    for (const [name, event] of Object.entries(value)) {
      if (!event || typeof event !== 'object') continue;
      const key = `${path}.${name}`;
      if (!('addListener' in event)) {
        if (depth < 2) walk(key, event as Record<string, unknown>, depth + 1);
        continue;
      }
      value[name] = {
        addListener: (fn: Listener) => listeners.set(key, [...(listeners.get(key) ?? []), fn]),
        removeListener: () => undefined,
        hasListener: () => false,
        hasListeners: () => (listeners.get(key)?.length ?? 0) > 0,
      };
      undo.push(() => {
        value[name] = event;
      });
    }
  };
  for (const [ns, value] of Object.entries(api)) if (value && typeof value === 'object') walk(ns, value, 1);
  return { listeners, restore: () => undo.reverse().forEach((f) => f()) };
}

let recorded: ReturnType<typeof recordListeners>;

beforeAll(async () => {
  fakeBrowser.reset();
  await deleteAllDatabases();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  // The bundled feed from disk; nothing else (the start-up sync) leaves the machine.
  const bundled = fakeBrowser.runtime.getURL('/feed/feed.json');
  vi.stubGlobal('fetch', async (url: string | URL) =>
    String(url) === bundled ? new Response(readFileSync('public/feed/feed.json')) : Promise.reject(new TypeError('offline (test)')),
  );
  recorded = recordListeners();
  const background = (await import('@/entrypoints/background')).default;
  background.main();
});

afterAll(() => {
  recorded.restore();
  vi.unstubAllGlobals();
});

describe('the background listens to', () => {
  it('exactly these events: one onMessage, no external messages or ports', () => {
    expect([...recorded.listeners.keys()].sort()).toEqual([
      'alarms.onAlarm',
      'notifications.onClicked',
      'permissions.onAdded',
      'permissions.onRemoved',
      'runtime.onInstalled',
      'runtime.onMessage',
      'storage.local.onChanged',
      'tabs.onRemoved',
      'tabs.onUpdated',
    ]);
    expect(recorded.listeners.get('runtime.onMessage')).toHaveLength(1);
  });

  it('routes runtime.onMessage through the router: a sender without our id is refused, our page answered', async () => {
    const [onMessage] = recorded.listeners.get('runtime.onMessage')!;
    const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
    await expect(onMessage({ type: 'ui:profile-list' }, {}, () => undefined)).rejects.toBeInstanceOf(MessageRejected);
    await expect(onMessage({ type: 'ui:profile-list' }, { ...page, id: 'other-extension-id' }, () => undefined)).rejects.toThrow('not this extension');
    expect(await onMessage({ type: 'ui:profile-list' }, page, () => undefined)).toEqual([]);
    // The bundled feed was loaded at start (the route waited for it).
    expect(await onMessage({ type: 'ui:feed-status' }, page, () => undefined)).toMatchObject({ origin: 'bundled', breachCount: expect.any(Number) });
  });
});

/** Every source file the extension is built from. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('no way in from the page, in the source', () => {
  const files = [...sources('entrypoints'), ...sources('utils'), ...sources('components'), 'wxt.config.ts'];

  it.each([
    ['a listener for other extensions or pages', /\.\s*on(MessageExternal|ConnectExternal|Connect|UserScriptMessage)\b/],
    ['externally_connectable', /externally_connectable['"`]?\s*:/],
    ['a window message listener', /addEventListener\(\s*['"`]message(error)?['"`]/],
    ['an onmessage handler', /\bonmessage\s*=/],
    ['postMessage', /\bpostMessage\s*\(/],
  ])('no file adds %s', (_what, pattern) => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => pattern.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
