/**
 * In-memory stand-ins for the extension APIs fakeBrowser does not implement (scripting,
 * permissions, i18n). They keep state and follow the real APIs' documented behaviour closely
 * enough for reconciliation and handler tests; they are not assertions in disguise.
 */
import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage, type Catalog } from '@/utils/i18n/catalog';

type Registered = { id: string; js?: string[]; matches?: string[]; runAt?: string; allFrames?: boolean; persistAcrossSessions?: boolean };

export function fakeScripting() {
  const scripts = new Map<string, Registered>();
  const calls: string[] = [];
  return {
    scripts,
    calls,
    async getRegisteredContentScripts(filter?: { ids?: string[] }) {
      return [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)).map((s) => structuredClone(s));
    },
    async registerContentScripts(list: Registered[]) {
      for (const s of list) if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      for (const s of list) scripts.set(s.id, structuredClone(s));
      calls.push('register');
    },
    async updateContentScripts(list: Registered[]) {
      for (const s of list) {
        if (!scripts.has(s.id)) throw new Error(`Nonexistent script ID '${s.id}'`);
        scripts.set(s.id, { ...scripts.get(s.id)!, ...structuredClone(s) });
      }
      calls.push('update');
    },
    async unregisterContentScripts(filter?: { ids?: string[] }) {
      for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
      calls.push('unregister');
    },
  };
}

export function fakePermissions(origins: string[] = []) {
  const granted = new Set(origins);
  return {
    granted,
    async getAll() {
      return { permissions: [] as string[], origins: [...granted] };
    },
  };
}

/** i18n.getMessage backed by the real public/_locales/<lang>/messages.json. */
export function realI18n(lang = 'en') {
  const catalog = JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Catalog;
  return {
    getUILanguage: () => lang,
    getMessage: (key: string, subs?: string | string[]) => formatMessage(catalog, key, subs),
  };
}

/** fakeBrowser with the missing APIs attached; reset fakeBrowser before each test. */
export function testBrowser(opts: { granted?: string[]; lang?: string } = {}) {
  const scripting = fakeScripting();
  const permissions = fakePermissions(opts.granted);
  const i18n = realI18n(opts.lang);
  const created: string[] = [];
  const browser = Object.assign(Object.create(fakeBrowser), {
    scripting,
    permissions,
    i18n,
    runtime: Object.assign(Object.create(fakeBrowser.runtime), {
      getManifest: () => ({ manifest_version: 3, name: 'Exposure Watch', version: JSON.parse(readFileSync('package.json', 'utf8')).version }),
    }),
    tabs: Object.assign(Object.create(fakeBrowser.tabs), {
      async create(props: { url: string }) {
        created.push(props.url);
        return { id: 99, url: props.url };
      },
    }),
  });
  return { browser, scripting, permissions, created };
}
