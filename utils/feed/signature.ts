/**
 * Checking a feed's detached Ed25519 signature with WebCrypto (Chrome 137+, Firefox 129+,
 * Node 22), before anything in the feed is parsed or stored.
 *
 * Signature file (`feed.json.sig`, next to the feed), compact JSON, UTF-8:
 *   {"keyId":"ew-2026-12","sig":"<base64 of the 64-byte Ed25519 signature>"}
 * The signature covers the exact bytes of feed.json as served (no re-serialisation, no
 * trailing newline added). `keyId` names one of the accepted keys (utils/feed/keys.ts).
 */
import * as z from 'zod';
import type { FeedKey } from './keys';

export const FeedSignatureFile = z
  .object({
    keyId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    sig: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'expected 64 bytes in base64'),
  })
  .strict();
export type FeedSignatureFile = z.infer<typeof FeedSignatureFile>;

/** Why a signature was refused; `null` from `verifyFeedSignature` means it is good. */
export type SignatureProblem =
  | { problem: 'malformed'; detail: string }
  | { problem: 'unknown-key'; detail: string }
  | { problem: 'mismatch'; detail: string };

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Serialise a signature file (what the builder writes). */
export function formatSignatureFile(keyId: string, signature: Uint8Array): string {
  return JSON.stringify({ keyId, sig: bytesToBase64(signature) } satisfies FeedSignatureFile);
}

/**
 * Verify `feedBytes` against the signature file's text.
 * @param keys accepted keys (ACCEPTED_FEED_KEYS in the extension; the CLI passes FEED_KEYS).
 * @returns null when a listed key signed exactly these bytes, else what is wrong.
 */
export async function verifyFeedSignature(feedBytes: Uint8Array<ArrayBuffer>, signatureText: string, keys: readonly FeedKey[]): Promise<SignatureProblem | null> {
  let parsed: FeedSignatureFile;
  try {
    const result = FeedSignatureFile.safeParse(JSON.parse(signatureText));
    if (!result.success) return { problem: 'malformed', detail: `signature file invalid at ${result.error.issues[0]?.path.join('.') || '(root)'}` };
    parsed = result.data;
  } catch {
    return { problem: 'malformed', detail: 'signature file is not JSON' };
  }
  const key = keys.find((k) => k.id === parsed.keyId);
  if (!key) return { problem: 'unknown-key', detail: `signed with key "${parsed.keyId}", which this version does not accept` };
  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey('raw', base64ToBytes(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
  } catch (error) {
    // A broken key in our own list is a bug; the feed is still refused.
    return { problem: 'malformed', detail: `accepted key "${key.id}" cannot be imported: ${(error as Error).message}` };
  }
  const ok = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, base64ToBytes(parsed.sig), feedBytes);
  return ok ? null : { problem: 'mismatch', detail: `signature by key "${key.id}" does not match the feed's bytes` };
}

/** SHA-256 of `bytes`, base64: identifies a feed's exact bytes (stored with the feed). */
export async function feedDigest(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return bytesToBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}
