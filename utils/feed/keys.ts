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
  /** Short stable name written into every signature made with the key, e.g. `ew-2026-12`. */
  id: string;
  /** The raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
}

/**
 * Production keys. `ew-2026-12` is the online key that signs every published feed and manifest
 * (its private half is the publishing workflow's secret FEED_SIGNING_KEY; the team's copy sits
 * outside the repository). `ew-backup-1` is an offline backup kept apart and never used for
 * routine signing: shipping it in every release lets a lost or leaked online key be replaced
 * without waiting for a release (sign with the backup, then ship the next online key).
 * `ew-2026-11`, which signed the first snapshot, was retired on 2026-12-04: its private half
 * was lost, so nothing could be signed with it any more.
 */
export const FEED_KEYS: readonly FeedKey[] = [
  { id: 'ew-2026-12', publicKey: 'cYXzVCYuO5x6533JJAIsZr24SlmK9ImSv8FtBUmiu7E=' },
  { id: 'ew-backup-1', publicKey: 'SfWxU0+DsH5jB/+Jw46Uobw7TEmb5D1B1iLvtbs47qo=' },
];

/**
 * Keys the test build (`wxt build --mode e2e`) adds so its suite can sign feeds with a key of
 * its own (test/fixtures/feed-test-key.json). Always empty in every other build: wxt.config.ts
 * defines `__FEED_EXTRA_KEYS__` per mode.
 */
const EXTRA_KEYS: readonly FeedKey[] = typeof __FEED_EXTRA_KEYS__ === 'undefined' ? [] : __FEED_EXTRA_KEYS__;

/** Every key this build accepts. */
export const ACCEPTED_FEED_KEYS: readonly FeedKey[] = [...FEED_KEYS, ...EXTRA_KEYS];
