/**
 * Firefox with the extension, driven by Puppeteer over WebDriver BiDi (Debian's firefox-esr).
 * Firefox has no --host-resolver-rules: fixture hosts reach the loopback server through it as
 * an HTTP proxy (the server reads the Host header, so proxied requests are served the same way).
 * The extension's internal UUID is fixed with a pref so tests can recognise its pages.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

export const FIREFOX_EXTENSION_ID = 'exposure-watch@exposure-watch.org';
export const FIREFOX_EXTENSION_UUID = '3f3b1c1e-5a7e-4b8e-9d59-6e1f2b7c0a11';

/** Path of Firefox to drive, or null when none is installed. */
export function firefoxPath(): string | null {
  const fromEnv = process.env.FIREFOX_EXECUTABLE_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p)) ?? null;
}

/** Start headless Firefox proxying all http traffic to `proxyPort` and install the extension in `dir`. */
export async function launchFirefoxWithExtension(dir: string, proxyPort: number): Promise<Browser> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('No Firefox found: install Debian\'s "firefox-esr" or set FIREFOX_EXECUTABLE_PATH');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID }),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'dom.security.https_first': false,
      'dom.security.https_only_mode': false,
      'app.update.enabled': false,
    },
  });
  await browser.installExtension(dir);
  return browser;
}
