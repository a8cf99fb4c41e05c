// The feed builder's publishing rules (scripts/lib/feed-publish.ts), in a temporary directory
// with key pairs made here.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedBuildError, publishFeed, type PublishOptions } from '../../scripts/lib/feed-publish';
import { verifyFeedSignature } from '@/utils/feed/signature';
import type { HibpBreach } from '@/utils/feed/normalise';
import { makeKey } from '../helpers/feed-fetch';

const flags = { IsVerified: true, IsFabricated: false, IsSensitive: false, IsRetired: false, IsSpamList: false, IsMalware: false, IsStealerLog: false };
function hibp(name: string, extra: Partial<HibpBreach> = {}): HibpBreach {
  return {
    Name: name,
    Title: name,
    Domain: `${name.toLowerCase()}.com`,
    BreachDate: '2020-01-01',
    AddedDate: '2020-02-01T00:00:00Z',
    ModifiedDate: '2020-02-02T00:00:00Z',
    PwnCount: 10,
    Description: `${name} was breached.`,
    DataClasses: ['Email addresses'],
    ...flags,
    ...extra,
  };
}
const shops = (n: number) => Array.from({ length: n }, (_, i) => hibp(`Shop${String(i).padStart(3, '0')}`));

const k1 = makeKey('k1');
const k2 = makeKey('k2');
let dir: string;
let lines: string[];

function files() {
  return { hibpFile: join(dir, 'hibp.json'), curatedFile: join(dir, 'curated.json'), feedFile: join(dir, 'feed.json') };
}
function sources(list: HibpBreach[]) {
  writeFileSync(files().hibpFile, JSON.stringify(list));
  writeFileSync(files().curatedFile, '[]');
}
function run(options: Partial<PublishOptions> = {}) {
  return publishFeed({ ...files(), signingKeyPem: k1.pem, keys: [k1.key], log: (l) => lines.push(l), ...options });
}
const feedText = () => readFileSync(files().feedFile, 'utf8');
const sigText = () => readFileSync(`${files().feedFile}.sig`, 'utf8');
const verifies = async (keys = [k1.key]) => (await verifyFeedSignature(new Uint8Array(readFileSync(files().feedFile)), sigText(), keys)) === null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'feed-publish-'));
  lines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('signing', () => {
  it('writes the feed and a detached signature over its exact bytes', async () => {
    sources(shops(3));
    expect(await run()).toMatchObject({ action: 'written', sequence: 1 });
    expect(JSON.parse(sigText())).toEqual({ keyId: 'k1', sig: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) });
    expect(await verifies()).toBe(true);
    expect(lines).toContain('wrote feed.json and feed.json.sig (key k1)');
  });

  it('--check needs no private key: it rebuilds and verifies the committed signature', async () => {
    sources(shops(3));
    await run();
    expect(await run({ check: true, signingKeyPem: null })).toMatchObject({ action: 'checked' });
  });

  it('--check fails on a feed that differs from its sources, and on a bad or missing signature', async () => {
    sources(shops(3));
    await run();
    const good = feedText();
    writeFileSync(files().feedFile, good.replace('Shop001', 'Shop00l'));
    await expect(run({ check: true, signingKeyPem: null })).rejects.toThrow(/does not match its sources/);
    writeFileSync(files().feedFile, good);
    writeFileSync(`${files().feedFile}.sig`, k2.sign(good));
    await expect(run({ check: true, signingKeyPem: null })).rejects.toThrow(/unknown-key/);
    rmSync(`${files().feedFile}.sig`);
    await expect(run({ check: true, signingKeyPem: null })).rejects.toThrow(/feed.json.sig is missing/);
  });

  it('a changed feed without a key fails and writes nothing', async () => {
    sources(shops(3));
    await run();
    const [feed, sig] = [feedText(), sigText()];
    sources(shops(4));
    await expect(run({ signingKeyPem: null })).rejects.toThrow(/only published signed: set FEED_SIGNING_KEY .* or pass --key-file PATH. Nothing written/);
    expect([feedText(), sigText()]).toEqual([feed, sig]);
  });

  it('a first build without a key writes nothing', async () => {
    sources(shops(3));
    await expect(run({ signingKeyPem: null })).rejects.toBeInstanceOf(FeedBuildError);
    expect(existsSync(files().feedFile)).toBe(false);
  });

  it('refuses a key that clients would not accept, and a key that is not Ed25519', async () => {
    sources(shops(3));
    await expect(run({ signingKeyPem: k2.pem })).rejects.toThrow(/not one of the accepted keys/);
    await expect(run({ signingKeyPem: 'nonsense' })).rejects.toThrow(/not a PKCS#8 PEM private key/);
    expect(existsSync(files().feedFile)).toBe(false);
  });

  it('rotation: the same feed re-signed with the next key, accepted by clients that list both', async () => {
    sources(shops(3));
    await run();
    const feed = feedText();
    expect(await run({ keys: [k1.key, k2.key] })).toMatchObject({ action: 'unchanged' });
    expect(await run({ signingKeyPem: k2.pem, keys: [k1.key, k2.key] })).toMatchObject({ action: 're-signed' });
    expect(feedText()).toBe(feed);
    expect(JSON.parse(sigText()).keyId).toBe('k2');
    expect(await verifies([k1.key, k2.key])).toBe(true);
    expect(await verifies([k1.key])).toBe(false);
  });
});

describe('what changed, and the drop guard', () => {
  it('prints added, updated and removed ids against the previous feed, and raises the sequence', async () => {
    sources(shops(30));
    await run();
    lines = [];
    const next = shops(31).filter((b) => b.Name !== 'Shop005');
    next[0] = { ...next[0], PwnCount: 11 };
    sources(next);
    expect(await run()).toMatchObject({ action: 'written', sequence: 2, diff: { added: ['Shop030'], updated: ['Shop000'], removed: ['Shop005'] } });
    expect(lines).toEqual(
      expect.arrayContaining([
        '\nchanges against sequence 1: 1 added, 1 updated, 1 removed',
        '  added: Shop030',
        '  updated: Shop000',
        '  removed: Shop005',
      ]),
    );
  });

  it('refuses to drop more than 5% of the breaches without --allow-drop', async () => {
    sources(shops(40));
    await run();
    const feed = feedText();
    sources(shops(37)); // 3 of 40 = 7.5 %
    await expect(run()).rejects.toThrow(/would drop 3 of 40 breaches \(7.5%\), over the 5% limit; .*--allow-drop/);
    expect(feedText()).toBe(feed);
    expect(await run({ allowDrop: true })).toMatchObject({ action: 'written', diff: { removed: ['Shop037', 'Shop038', 'Shop039'] } });
  });

  it('allows dropping up to the limit', async () => {
    sources(shops(40));
    await run();
    sources(shops(38)); // 2 of 40 = 5 %
    expect(await run()).toMatchObject({ action: 'written', sequence: 2 });
  });
});
