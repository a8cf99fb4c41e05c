/**
 * Repository rule: no private signing key is ever committed, except the test fixtures' own
 * throwaway keys, and no throwaway key is ever one the extension accepts in production.
 *
 * Three shapes of a private key are looked for in every file git tracks (or would add):
 * - PEM armour (`-----BEGIN … PRIVATE KEY-----`), allowed only in the listed fixture files;
 * - an Ed25519 PKCS#8 DER body without its armour (its base64 always starts with the same 21
 *   characters, worked out below from the DER prefix);
 * - a raw 32-byte seed, base64 or hex: each candidate is turned into its public key and held
 *   against FEED_KEYS, so the raw private half of a production key is found wherever it sits.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_FEED_KEYS, FEED_KEYS } from '@/utils/feed/keys';

/** Files that may hold a throwaway private key, each for tests only. */
const THROWAWAY_KEY_FILES = ['test/fixtures/feed-test-key.json'];

const PEM_PRIVATE = /-----BEGIN (?:ENCRYPTED |RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/;
// The DER prefix of an Ed25519 PKCS#8 private key; a 32-byte seed follows it.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
// Its base64 form (the first 21 characters never depend on the seed); computed, so this file
// does not hold the very text it looks for.
const PKCS8_ED25519_BODY = Buffer.concat([PKCS8_PREFIX, Buffer.alloc(32)]).toString('base64').slice(0, 21);

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { encoding: 'utf8' });
  return out.split('\0').filter((f) => f && !f.startsWith('node_modules/'));
}

function textOf(file: string): string | null {
  try {
    if (!statSync(file).isFile()) return null;
  } catch {
    return null; // deleted in the work tree
  }
  const bytes = readFileSync(file);
  return bytes.includes(0) ? null : bytes.toString('utf8');
}

/** The raw Ed25519 public key (base64) of a 32-byte seed. */
function publicOfSeed(seed: Buffer): string {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x as string, 'base64url').toString('base64');
}

/** Every 32-byte value written as base64 (43 chars + `=`) or hex (64 chars) in `text`. */
function seedCandidates(text: string): Buffer[] {
  const out: Buffer[] = [];
  for (const m of text.matchAll(/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?!=)/g)) out.push(Buffer.from(m[0], 'base64'));
  for (const m of text.matchAll(/(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g)) out.push(Buffer.from(m[0], 'hex'));
  return out.filter((b) => b.length === 32);
}

describe('repository rule: private keys', () => {
  const files = trackedFiles();
  const production = new Set(FEED_KEYS.map((k) => k.publicKey));

  it('reads the whole tree, and knows the unarmoured PKCS#8 form', () => {
    expect(files).toContain('utils/feed/keys.ts');
    expect(files.length).toBeGreaterThan(100);
    const fixture = JSON.parse(readFileSync(THROWAWAY_KEY_FILES[0], 'utf8')) as { privateKeyPem: string };
    expect(fixture.privateKeyPem.split('\n')[1].startsWith(PKCS8_ED25519_BODY)).toBe(true);
  });

  it('has PEM or PKCS#8 private keys only in the throwaway fixture files', () => {
    const offenders = files.filter((f) => {
      if (THROWAWAY_KEY_FILES.includes(f)) return false;
      const text = textOf(f);
      return text !== null && (PEM_PRIVATE.test(text) || text.includes(PKCS8_ED25519_BODY));
    });
    expect(offenders).toEqual([]);
  });

  it('holds no raw private half of a production key anywhere (base64 or hex seed)', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const text = textOf(f);
      if (text === null) continue;
      for (const seed of seedCandidates(text)) if (production.has(publicOfSeed(seed))) offenders.push(f);
    }
    expect(offenders).toEqual([]);
  });

  it('finds a raw seed of a production key when one is planted (the check can fail)', () => {
    // A throwaway pair stands in for a production key: its seed must be recognised by the same code.
    const seed = Buffer.alloc(32, 7);
    const planted = `const k = "${seed.toString('base64')}"; // ${seed.toString('hex')}`;
    const pub = publicOfSeed(seed);
    expect(seedCandidates(planted).map(publicOfSeed)).toEqual([pub, pub]);
  });

  it('every throwaway fixture key is a test key, never a production one', () => {
    for (const f of THROWAWAY_KEY_FILES) {
      const fixture = JSON.parse(readFileSync(f, 'utf8')) as { keyId: string; publicKey: string; privateKeyPem: string };
      const pub = Buffer.from(createPublicKey(createPrivateKey(fixture.privateKeyPem)).export({ format: 'jwk' }).x as string, 'base64url').toString('base64');
      expect(pub).toBe(fixture.publicKey);
      expect(production.has(pub)).toBe(false);
      expect(FEED_KEYS.map((k) => k.id)).not.toContain(fixture.keyId);
    }
  });

  it('a build outside test mode accepts exactly the production keys', () => {
    // __FEED_EXTRA_KEYS__ is defined only by `wxt build --mode e2e` (wxt.config.ts).
    expect(ACCEPTED_FEED_KEYS).toEqual(FEED_KEYS);
    expect(FEED_KEYS.map((k) => k.id)).toEqual(['ew-2026-12', 'ew-backup-1']);
  });
});
