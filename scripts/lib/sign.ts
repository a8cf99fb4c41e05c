/**
 * Signing the feed (Node only: node:crypto). The extension verifies with WebCrypto
 * (utils/feed/signature.ts); the format is documented there.
 */
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { FeedKey } from '../../utils/feed/keys';
import { formatSignatureFile } from '../../utils/feed/signature';

/**
 * Parse a PKCS#8 PEM Ed25519 private key.
 * @throws with a message naming the problem (never echoing the key).
 */
export function loadSigningKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error('the signing key is not a PKCS#8 PEM private key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the signing key is ${key.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`);
  return key;
}

/** The raw 32-byte public key of an Ed25519 private key, base64 (the form utils/feed/keys.ts lists). */
export function publicKeyBase64(privateKey: KeyObject): string {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url').toString('base64');
}

/** The accepted key this private key belongs to, or null when its public key is not listed. */
export function acceptedKeyFor(privateKey: KeyObject, keys: readonly FeedKey[]): FeedKey | null {
  const pub = publicKeyBase64(privateKey);
  return keys.find((k) => k.publicKey === pub) ?? null;
}

/** The signature file's text for `feed` (the exact bytes that are published). */
export function signFeed(feed: string | Uint8Array, privateKey: KeyObject, keyId: string): string {
  const bytes = typeof feed === 'string' ? Buffer.from(feed, 'utf8') : feed;
  return formatSignatureFile(keyId, sign(null, bytes, privateKey));
}
