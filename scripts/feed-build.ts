/**
 * Feed builder CLI:
 *   npm run feed:build [-- --key-file PATH] [--sequence N] [--generated ISO] [--allow-drop] [--check]
 *
 * Reads feed-sources/hibp-breaches.json and feed-sources/curated-breaches.json (nothing outside
 * the repository but the signing key), writes public/feed/feed.json and its detached Ed25519
 * signature public/feed/feed.json.sig, and prints the build report and what changed against the
 * previous feed. The private key comes from `--key-file PATH` or the environment variable
 * FEED_SIGNING_KEY (PKCS#8 PEM text); it is never stored in the repository. `--check` builds in
 * memory and fails if the committed feed differs from its sources or its signature does not
 * verify against the accepted keys in utils/feed/keys.ts (no private key needed: CI runs it).
 * See scripts/lib/feed-publish.ts for the rules.
 *
 * Exit codes: 0 ok; 1 a source is missing or not JSON, a curated record is invalid, a bad flag,
 * a changed feed without a signing key, too many breaches dropped without --allow-drop, or
 * (with --check) the committed feed or signature is out of date.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FEED_KEYS } from '../utils/feed/keys';
import { FeedBuildError, publishFeed } from './lib/feed-publish';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The private key's PEM from --key-file or FEED_SIGNING_KEY, or null for none. */
function signingKey(keyFile: string | undefined): string | null {
  if (keyFile !== undefined) {
    if (!existsSync(keyFile)) throw new FeedBuildError(`--key-file ${keyFile}: no such file`);
    return readFileSync(keyFile, 'utf8');
  }
  const env = process.env.FEED_SIGNING_KEY;
  return env && env.trim() ? env : null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sequence: { type: 'string' },
      generated: { type: 'string' },
      check: { type: 'boolean', default: false },
      'key-file': { type: 'string' },
      'allow-drop': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const sequence = values.sequence === undefined ? undefined : Number(values.sequence);
  if (sequence !== undefined && !(Number.isInteger(sequence) && sequence > 0)) {
    throw new FeedBuildError(`--sequence must be a positive integer, got ${values.sequence}`);
  }
  await publishFeed({
    hibpFile: resolve(ROOT, 'feed-sources/hibp-breaches.json'),
    curatedFile: resolve(ROOT, 'feed-sources/curated-breaches.json'),
    feedFile: resolve(ROOT, 'public/feed/feed.json'),
    check: values.check,
    allowDrop: values['allow-drop'],
    sequence,
    generated: values.generated,
    // --check never signs: a clean clone has no key.
    signingKeyPem: values.check ? null : signingKey(values['key-file']),
    keys: FEED_KEYS,
  });
}

main().catch((error: unknown) => {
  console.error(`feed:build failed: ${(error as Error).message}`);
  // A bad flag or bad data is explained by the message; anything else is a bug: show the stack.
  const expected = error instanceof FeedBuildError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
  if (!expected) console.error(error);
  process.exitCode = 1;
});
