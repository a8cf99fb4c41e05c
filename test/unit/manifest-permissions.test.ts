// The permission allow-list (permissions-allowlist.json) and the exact comparison that
// scripts/check-permissions.ts runs on the built manifests after `npm run build` in npm test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  comparePermissions,
  manifestEntries,
  undocumented,
  type AllowList,
  type TargetAllowList,
} from '../../scripts/lib/manifest-permissions';

const allowList = JSON.parse(readFileSync('permissions-allowlist.json', 'utf8')) as AllowList;
const chrome = allowList['chrome-mv3'] as TargetAllowList;
const firefox = allowList['firefox-mv3'] as TargetAllowList;

/** The manifest `wxt build` writes today for Chrome (.output/chrome-mv3/manifest.json; values of uncompared keys trimmed). */
const built = () => ({
  manifest_version: 3,
  name: '__MSG_extName__',
  description: '__MSG_extDescription__',
  version: '0.1.0',
  default_locale: 'en',
  icons: {},
  action: {},
  minimum_chrome_version: '137',
  permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'activeTab', 'notifications'],
  host_permissions: ['https://feed.exposure-watch.org/*'],
  optional_host_permissions: ['*://*/*'],
  background: { service_worker: 'background.js' },
  options_ui: { open_in_tab: true, page: 'options.html' },
});

/** The same for Firefox (.output/firefox-mv3/manifest.json): no minimum_chrome_version, a gecko section. */
const builtFirefox = () => {
  const { minimum_chrome_version: _, ...rest } = built();
  return { ...rest, browser_specific_settings: { gecko: { data_collection_permissions: { required: ['none'] } } } };
};

describe('the allow-list', () => {
  it('holds DESIGN.md\'s required permissions and nothing it rules out', () => {
    for (const target of [chrome, firefox]) {
      expect(Object.keys(target).sort()).toEqual([...CATEGORIES].sort());
      expect(Object.keys(target.permissions).sort()).toEqual(['activeTab', 'alarms', 'notifications', 'scripting', 'storage', 'unlimitedStorage']);
      expect(Object.keys(target.host_permissions)).toEqual(['https://feed.exposure-watch.org/*']);
      for (const empty of ['optional_permissions', 'content_scripts', 'web_accessible_resources', 'externally_connectable'] as const) {
        expect(target[empty], empty).toEqual({});
      }
    }
    expect(firefox.data_collection_permissions).toEqual({ 'required:none': expect.any(String) });
  });

  it('is explained entry by entry in docs/permissions.md', () => {
    const doc = readFileSync('docs/permissions.md', 'utf8');
    expect(undocumented(chrome, doc)).toEqual([]);
    expect(undocumented(firefox, doc)).toEqual([]);
    expect(undocumented({ ...chrome, permissions: { ...chrome.permissions, tabs: 'every tab\'s address' } }, doc)).toEqual(['permissions "tabs"']);
  });
});

describe('comparePermissions', () => {
  it('passes the manifest the build writes today', () => {
    expect(comparePermissions('chrome-mv3', built(), chrome)).toEqual([]);
  });

  it('fails an added permission, host pattern or optional permission, naming it', () => {
    expect(comparePermissions('chrome-mv3', { ...built(), permissions: [...built().permissions, 'tabs'] }, chrome)).toEqual([
      'chrome-mv3: the manifest asks for permissions "tabs", which permissions-allowlist.json does not allow (add it there with a reason if it is meant)',
    ]);
    expect(comparePermissions('chrome-mv3', { ...built(), host_permissions: [...built().host_permissions, '<all_urls>'] }, chrome)).toEqual([
      expect.stringContaining('host_permissions "<all_urls>"'),
    ]);
    expect(comparePermissions('chrome-mv3', { ...built(), optional_permissions: ['history'] }, chrome)).toEqual([
      expect.stringContaining('optional_permissions "history"'),
      // A key the build never wrote is named too.
      expect.stringContaining('manifest_keys "optional_permissions"'),
    ]);
  });

  it('fails a permission the allow-list still lists but the build dropped', () => {
    const manifest = { ...built(), permissions: built().permissions.filter((p) => p !== 'notifications') };
    expect(comparePermissions('chrome-mv3', manifest, chrome)).toEqual([
      'chrome-mv3: permissions-allowlist.json allows permissions "notifications", which the manifest no longer asks for (remove it)',
    ]);
  });

  it('fails anything that lets a page reach the extension: externally_connectable, web-accessible pages, static content scripts', () => {
    const problems = comparePermissions(
      'chrome-mv3',
      {
        ...built(),
        externally_connectable: { matches: ['https://*.coupang.com/*'] },
        web_accessible_resources: [{ resources: ['details.html'], matches: ['<all_urls>'] }],
        content_scripts: [{ matches: ['<all_urls>'] }],
      },
      chrome,
    );
    expect(problems).toEqual([
      expect.stringContaining('content_scripts "<all_urls>"'),
      expect.stringContaining('web_accessible_resources "details.html for <all_urls>"'),
      expect.stringContaining('externally_connectable "matches:https://*.coupang.com/*"'),
      expect.stringContaining('manifest_keys "externally_connectable"'),
      expect.stringContaining('manifest_keys "web_accessible_resources"'),
      expect.stringContaining('manifest_keys "content_scripts"'),
    ]);
    // Declared empty, externally_connectable still changes who may connect (other extensions): it shows up too.
    expect(manifestEntries({ externally_connectable: {} }).externally_connectable).toEqual(['(declared)']);
  });

  it('fails an allow-list without a reason, a category or a section', () => {
    expect(comparePermissions('chrome-mv3', built(), { ...chrome, permissions: { ...chrome.permissions, alarms: '' } })).toEqual([
      'chrome-mv3: permissions "alarms" in permissions-allowlist.json needs a reason',
    ]);
    const { content_scripts: _, ...withoutCategory } = chrome;
    expect(comparePermissions('chrome-mv3', built(), withoutCategory as TargetAllowList)).toEqual([
      'chrome-mv3: permissions-allowlist.json has no "content_scripts" (write {} for none)',
    ]);
    expect(comparePermissions('edge-mv3', built(), undefined)).toEqual(['edge-mv3: permissions-allowlist.json has no section for this build']);
  });

  it('fails any other manifest key that could widen what the extension may do (a CSP, a sandbox, a key)', () => {
    expect(comparePermissions('chrome-mv3', { ...built(), content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval'" } }, chrome)).toEqual([
      'chrome-mv3: the manifest asks for manifest_keys "content_security_policy", which permissions-allowlist.json does not allow (add it there with a reason if it is meant)',
    ]);
    expect(comparePermissions('chrome-mv3', { ...built(), sandbox: { pages: ['x.html'] }, key: 'MIIB' }, chrome)).toEqual([
      expect.stringContaining('manifest_keys "sandbox"'),
      expect.stringContaining('manifest_keys "key"'),
    ]);
  });

  it('reads Firefox\'s data collection declaration', () => {
    const manifest = builtFirefox();
    expect(comparePermissions('firefox-mv3', manifest, firefox)).toEqual([]);
    manifest.browser_specific_settings.gecko.data_collection_permissions.required = ['browsingActivity'];
    expect(comparePermissions('firefox-mv3', manifest, firefox)).toEqual([
      expect.stringContaining('data_collection_permissions "required:browsingActivity"'),
      expect.stringContaining('allows data_collection_permissions "required:none"'),
    ]);
  });
});
