import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_ID, grantedPatterns, patternCovers, reconcileContentScripts } from '@/utils/access/registration';
import { fakePermissions, fakeScripting } from '../helpers/fake-apis';

const coupang = ['*://coupang.com/*', '*://*.coupang.com/*'];
const gs = ['*://gsshop.com/*', '*://*.gsshop.com/*'];

describe('patternCovers', () => {
  it('covers identical, wildcard-host and all-url grants', () => {
    expect(patternCovers('*://coupang.com/*', '*://coupang.com/*')).toBe(true);
    expect(patternCovers('*://*/*', '*://*.coupang.com/*')).toBe(true);
    expect(patternCovers('<all_urls>', '*://coupang.com/*')).toBe(true);
    expect(patternCovers('*://*.coupang.com/*', '*://coupang.com/*')).toBe(true);
    expect(patternCovers('*://*.coupang.com/*', '*://*.login.coupang.com/*')).toBe(true);
  });
  it('does not cover other hosts, narrower schemes or paths', () => {
    expect(patternCovers('*://coupang.com/*', '*://*.coupang.com/*')).toBe(false);
    expect(patternCovers('*://*.nival.com/*', '*://carnival.com/*')).toBe(false);
    expect(patternCovers('https://coupang.com/*', '*://coupang.com/*')).toBe(false);
    expect(patternCovers('*://coupang.com/np/*', '*://coupang.com/*')).toBe(false);
  });
  it('picks the wanted patterns some grant covers', () => {
    expect(grantedPatterns([...coupang, ...gs], ['https://*/*', 'http://*/*'])).toEqual([]);
    expect(grantedPatterns([...coupang, ...gs], ['*://*/*'])).toEqual([...coupang, ...gs]);
    expect(grantedPatterns([...coupang, ...gs], coupang)).toEqual(coupang);
  });
});

describe('reconcileContentScripts', () => {
  it('registers for granted breached sites only, then updates and unregisters as grants change', async () => {
    const scripting = fakeScripting();
    const permissions = fakePermissions(['https://feed.exposure-watch.org/*', ...coupang]);
    const api = { scripting, permissions } as never;

    expect(await reconcileContentScripts(api, [...coupang, ...gs])).toEqual([...coupang].sort());
    expect(scripting.scripts.get(CONTENT_SCRIPT_ID)).toMatchObject({ js: ['notice.js'], matches: [...coupang].sort(), runAt: 'document_idle' });

    // Unchanged: no write at all.
    await reconcileContentScripts(api, [...coupang, ...gs]);
    expect(scripting.calls).toEqual(['register']);

    for (const p of gs) permissions.granted.add(p);
    await reconcileContentScripts(api, [...coupang, ...gs]);
    expect(scripting.calls).toEqual(['register', 'update']);
    expect(scripting.scripts.get(CONTENT_SCRIPT_ID)?.matches).toEqual([...coupang, ...gs].sort());

    // The feed no longer has an alertable breach on any granted site.
    expect(await reconcileContentScripts(api, ['*://other.com/*'])).toEqual([]);
    expect(scripting.scripts.has(CONTENT_SCRIPT_ID)).toBe(false);
  });
});
