/**
 * What `npm run feed:build` does, as a function of its files and flags so tests can run it in a
 * temporary directory with their own keys (the CLI is scripts/feed-build.ts).
 *
 * Build the feed from its sources, report the build and what changed against the previous feed
 * (added, updated and removed breach ids), refuse a feed that drops more than `maxDropShare` of
 * the previous breaches unless `allowDrop`, then sign the exact bytes (Ed25519) and write
 * feed.json and feed.json.sig. A changed feed is never written without a signature: with no
 * key the build fails and leaves both files as they were. `check` writes nothing: it rebuilds
 * in memory, fails unless the committed feed equals the rebuild, and verifies the committed
 * signature against the accepted public keys (no private key needed).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildFeed, chooseSequence, serialiseFeed, type BuildReport } from '../../utils/feed/build';
import { diffBreaches, dropsTooMany, type FeedDiff } from '../../utils/feed/diff';
import type { FeedKey } from '../../utils/feed/keys';
import type { BreachRecord } from '../../utils/feed/schema';
import { verifyFeedSignature } from '../../utils/feed/signature';
import { acceptedKeyFor, loadSigningKey, signFeed } from './sign';
import { sanitiseDescription } from './sanitise';

/** An expected failure: the message says what to do; no stack trace needed. */
export class FeedBuildError extends Error {}

/** Largest share of the previous feed's breaches a build may drop without `allowDrop`. */
export const MAX_DROP_SHARE = 0.05;

export interface PublishOptions {
  hibpFile: string;
  curatedFile: string;
  feedFile: string;
  /** Defaults to `${feedFile}.sig`. */
  signatureFile?: string;
  check?: boolean;
  allowDrop?: boolean;
  maxDropShare?: number;
  sequence?: number;
  generated?: string;
  /** PKCS#8 PEM of the Ed25519 private key, or null when none was given. */
  signingKeyPem: string | null;
  /** Public keys clients accept (utils/feed/keys.ts FEED_KEYS; tests pass their own). */
  keys: readonly FeedKey[];
  log?: (line: string) => void;
}

export interface PublishResult {
  sequence: number;
  diff: FeedDiff;
  /** What happened to feed.json and feed.json.sig. */
  action: 'checked' | 'unchanged' | 're-signed' | 'written';
}

function readJson(file: string): unknown {
  const name = basename(file);
  if (!existsSync(file)) throw new FeedBuildError(`missing source file ${name}`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FeedBuildError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
}

function printReport(report: BuildReport, log: (line: string) => void, brief: boolean): void {
  log(`HIBP: ${report.hibpIn} in, ${report.dropped.length} dropped`);
  log(`curated: ${report.curatedIn} in, ${report.errors.length} invalid`);
  log(`breaches out: ${report.out}`);
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    log(`\n${title} (${lines.length}):`);
    for (const line of lines) log(`  ${line}`);
  };
  if (brief) {
    // --check: the sources were reviewed when the feed was built; list only what is wrong.
    log(`(${report.repaired.length} repaired, ${report.dropped.length} dropped, ${report.merged.length} merged: run without --check to list them)`);
  } else {
    section('Repaired', report.repaired);
    section('Dropped', report.dropped);
    section('Merged', report.merged);
  }
  section('Curated errors (bugs in our data)', report.errors);
}

/** A long id list, shortened for the terminal. */
function ids(list: string[], max = 40): string {
  return list.length <= max ? list.join(', ') : `${list.slice(0, max).join(', ')} ... and ${list.length - max} more`;
}

function printDiff(diff: FeedDiff, previousSequence: number | null, log: (line: string) => void): void {
  if (previousSequence === null) {
    log(`\nno previous feed: ${diff.added.length} breaches, all new`);
    return;
  }
  log(`\nchanges against sequence ${previousSequence}: ${diff.added.length} added, ${diff.updated.length} updated, ${diff.removed.length} removed`);
  if (diff.added.length) log(`  added: ${ids(diff.added)}`);
  if (diff.updated.length) log(`  updated: ${ids(diff.updated)}`);
  if (diff.removed.length) log(`  removed: ${ids(diff.removed)}`);
}

/** Write `text` to `file` through a temporary file and a rename, so a crash never leaves half a file. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Build, diff, guard, sign and write (or check) the feed. @throws FeedBuildError */
export async function publishFeed(options: PublishOptions): Promise<PublishResult> {
  const log = options.log ?? console.log;
  const sigFile = options.signatureFile ?? `${options.feedFile}.sig`;
  const feedName = basename(options.feedFile);
  const sigName = basename(sigFile);

  const sources = { hibp: readJson(options.hibpFile), curated: readJson(options.curatedFile) };
  const previous = existsSync(options.feedFile) ? readFileSync(options.feedFile, 'utf8') : null;
  const previousSig = existsSync(sigFile) ? readFileSync(sigFile, 'utf8') : null;
  let built: ReturnType<typeof buildFeed>;
  try {
    built = buildFeed(sources, { sanitise: sanitiseDescription, sequence: 1, generated: options.generated });
  } catch (error) {
    // Bad source shapes and bad flags are explained by their message (no stack trace).
    throw new FeedBuildError((error as Error).message);
  }
  printReport(built.report, log, options.check === true);
  if (built.report.errors.length) throw new FeedBuildError(`${built.report.errors.length} curated record(s) invalid: fix the curated source`);

  let minimum: number;
  try {
    minimum = chooseSequence(previous, built.document);
  } catch (error) {
    throw new FeedBuildError((error as Error).message);
  }
  if (options.sequence !== undefined && options.sequence < minimum) {
    throw new FeedBuildError(`--sequence ${options.sequence} would not be accepted by clients: the feed needs at least ${minimum}`);
  }
  const document = { ...built.document, sequence: options.sequence ?? minimum };
  const text = serialiseFeed(document);
  log(`\nsequence ${document.sequence}, generated ${document.generated}`);
  log(`size ${Buffer.byteLength(text)} bytes, gzip ${gzipSync(text, { level: 9 }).length} bytes`);

  const before = previous === null ? null : (JSON.parse(previous) as { sequence: number; breaches?: BreachRecord[] });
  const previousBreaches = Array.isArray(before?.breaches) ? before.breaches : [];
  const diff = diffBreaches(previousBreaches, document.breaches);
  printDiff(diff, before?.sequence ?? null, log);

  const verifyCommitted = async (): Promise<string | null> => {
    if (previousSig === null) return `${sigName} is missing`;
    const problem = await verifyFeedSignature(new Uint8Array(Buffer.from(previous ?? '', 'utf8')), previousSig, options.keys);
    return problem ? `${sigName}: ${problem.problem}: ${problem.detail}` : null;
  };

  if (options.check) {
    if (text !== previous) throw new FeedBuildError(`${feedName} does not match its sources: run npm run feed:build (with the signing key) and commit the result`);
    const problem = await verifyCommitted();
    if (problem) throw new FeedBuildError(`${problem} (re-sign with npm run feed:build and the signing key)`);
    log(`${feedName} matches its sources; ${sigName} verified against the accepted keys`);
    return { sequence: document.sequence, diff, action: 'checked' };
  }

  const maxShare = options.maxDropShare ?? MAX_DROP_SHARE;
  if (dropsTooMany(diff, previousBreaches.length, maxShare) && !options.allowDrop) {
    const share = ((diff.removed.length / previousBreaches.length) * 100).toFixed(1);
    throw new FeedBuildError(
      `this feed would drop ${diff.removed.length} of ${previousBreaches.length} breaches (${share}%), over the ${maxShare * 100}% limit; ` +
        'check the sources, or pass --allow-drop if that is intended. Nothing written.',
    );
  }

  let signer: { key: ReturnType<typeof loadSigningKey>; id: string } | null = null;
  if (options.signingKeyPem !== null) {
    let key: ReturnType<typeof loadSigningKey>;
    try {
      key = loadSigningKey(options.signingKeyPem);
    } catch (error) {
      throw new FeedBuildError((error as Error).message);
    }
    const accepted = acceptedKeyFor(key, options.keys);
    if (!accepted) throw new FeedBuildError('the signing key is not one of the accepted keys (utils/feed/keys.ts): clients would refuse its signatures. Nothing written.');
    signer = { key, id: accepted.id };
  }

  if (text === previous) {
    const problem = await verifyCommitted();
    const currentKeyId = previousSig ? (JSON.parse(previousSig) as { keyId?: string }).keyId : undefined;
    if (!problem && (!signer || signer.id === currentKeyId)) {
      log(`${feedName} unchanged; ${sigName} valid`);
      return { sequence: document.sequence, diff, action: 'unchanged' };
    }
    if (!signer) throw new FeedBuildError(`${feedName} is unchanged but ${problem}: give the signing key (FEED_SIGNING_KEY or --key-file) to sign it`);
    writeAtomically(sigFile, signFeed(text, signer.key, signer.id));
    log(`${feedName} unchanged; wrote ${sigName} (key ${signer.id})`);
    return { sequence: document.sequence, diff, action: 're-signed' };
  }

  if (!signer) {
    throw new FeedBuildError(
      `the feed changed, and a changed feed is only published signed: set FEED_SIGNING_KEY (PKCS#8 PEM) or pass --key-file PATH. Nothing written.`,
    );
  }
  const signature = signFeed(text, signer.key, signer.id);
  // Never publish a signature clients would refuse.
  const selfCheck = await verifyFeedSignature(new Uint8Array(Buffer.from(text, 'utf8')), signature, options.keys);
  if (selfCheck) throw new FeedBuildError(`the new signature does not verify (${selfCheck.detail}). Nothing written.`);
  writeAtomically(options.feedFile, text);
  writeAtomically(sigFile, signature);
  log(`wrote ${feedName} and ${sigName} (key ${signer.id})`);
  return { sequence: document.sequence, diff, action: 'written' };
}
