/**
 * The public keys whose Ed25519 signatures the extension accepts on a feed (DESIGN.md, "The
 * breach feed"). Rotation is a list: a release that adds the next key ships while the old key
 * still signs; once every supported release knows the new key, the builder signs with it and a
 * later release drops the old one. The signature file names the key it was made with, so
 * clients never guess (see utils/feed/signature.ts for the format).
 *
 * The private keys never enter the repository. `npm run feed:build` reads one from the
 * environment variable FEED_SIGNING_KEY or from `--key-file PATH` (README, "The breach feed").
 */

export interface FeedKey {
  /** Short stable name written into every signature made with the key, e.g. `ew-2026-11`. */
  id: string;
  /** The raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
}

/** Production keys, newest first. */
export const FEED_KEYS: readonly FeedKey[] = [
  // Generated 2026-11-29; the private key is held outside the repository.
  { id: 'ew-2026-11', publicKey: 'Mzr89RrKup0mIiKUpyU80f37zZsgy8sn03EnCs8R5Sk=' },
];

/**
 * Keys the test build (`wxt build --mode e2e`) adds so its suite can sign feeds with a key of
 * its own (test/fixtures/feed-test-key.json). Always empty in every other build: wxt.config.ts
 * defines `__FEED_EXTRA_KEYS__` per mode.
 */
const EXTRA_KEYS: readonly FeedKey[] = typeof __FEED_EXTRA_KEYS__ === 'undefined' ? [] : __FEED_EXTRA_KEYS__;

/** Every key this build accepts. */
export const ACCEPTED_FEED_KEYS: readonly FeedKey[] = [...FEED_KEYS, ...EXTRA_KEYS];
