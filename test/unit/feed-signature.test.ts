import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_FEED_KEYS, FEED_KEYS } from '@/utils/feed/keys';
import { base64ToBytes, verifyFeedSignature } from '@/utils/feed/signature';
import { makeKey } from '../helpers/feed-fetch';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('verifyFeedSignature (WebCrypto Ed25519, as in the extension)', () => {
  const k1 = makeKey('k1');
  const k2 = makeKey('k2');
  const text = '{"format":1,"sequence":9}';

  it('accepts the exact bytes signed by an accepted key', async () => {
    expect(await verifyFeedSignature(bytes(text), k1.sign(text), [k1.key])).toBeNull();
  });

  it('rotation: any key in the list verifies, by the id the signature names', async () => {
    expect(await verifyFeedSignature(bytes(text), k2.sign(text), [k1.key, k2.key])).toBeNull();
    expect(await verifyFeedSignature(bytes(text), k2.sign(text), [k1.key])).toMatchObject({ problem: 'unknown-key' });
  });

  it('refuses other bytes, another key under the same id, and malformed files', async () => {
    expect(await verifyFeedSignature(bytes(`${text} `), k1.sign(text), [k1.key])).toMatchObject({ problem: 'mismatch' });
    expect(await verifyFeedSignature(bytes(text), makeKey('k1').sign(text), [k1.key])).toMatchObject({ problem: 'mismatch' });
    expect(await verifyFeedSignature(bytes(text), '', [k1.key])).toMatchObject({ problem: 'malformed' });
    expect(await verifyFeedSignature(bytes(text), '{"keyId":"k1"}', [k1.key])).toMatchObject({ problem: 'malformed', detail: 'signature file invalid at sig' });
    const extra = JSON.stringify({ ...JSON.parse(k1.sign(text)), note: 'x' });
    expect(await verifyFeedSignature(bytes(text), extra, [k1.key])).toMatchObject({ problem: 'malformed' });
  });

  it('a broken key in our own list refuses the feed, naming the key (never a crash)', async () => {
    const broken = { id: 'k1', publicKey: 'AAAA' };
    expect(await verifyFeedSignature(bytes(text), k1.sign(text), [broken])).toEqual({
      problem: 'malformed',
      detail: expect.stringMatching(/^accepted key "k1" cannot be imported: /),
    });
  });
});

describe('accepted keys', () => {
  it('production keys are raw 32-byte Ed25519 keys with unique ids', () => {
    expect(FEED_KEYS.length).toBeGreaterThan(0);
    expect(new Set(FEED_KEYS.map((k) => k.id)).size).toBe(FEED_KEYS.length);
    for (const k of FEED_KEYS) expect(base64ToBytes(k.publicKey)).toHaveLength(32);
  });

  it('outside the test build, the E2E key is never accepted', () => {
    const e2e = JSON.parse(readFileSync('test/fixtures/feed-test-key.json', 'utf8')) as { keyId: string; publicKey: string };
    expect(ACCEPTED_FEED_KEYS).toEqual(FEED_KEYS);
    expect(FEED_KEYS.some((k) => k.id === e2e.keyId || k.publicKey === e2e.publicKey)).toBe(false);
  });

  it('the committed feed verifies against the production keys', async () => {
    const feed = readFileSync('public/feed/feed.json');
    expect(await verifyFeedSignature(new Uint8Array(feed), readFileSync('public/feed/feed.json.sig', 'utf8'), FEED_KEYS)).toBeNull();
  });
});
