/**
 * Hostile feeds for the property tests (test/unit/feed-fuzz.test.ts): fast-check arbitraries
 * that mutate a small valid signed feed, one mutation class at a time, into what a broken
 * builder, a compromised mirror or a flaky network could serve.
 *
 * A case is a small description (what fast-check prints and shrinks) and a `make()` that
 * builds the bytes served for the feed and for its signature. Huge values are described
 * (`"a" x 100000`), never printed.
 */
import fc from 'fast-check';
import type { BreachRecord, FeedDocument } from '@/utils/feed/schema';
import { makeBreach } from './breach';
import { feedDoc, makeKey, type TestKey } from './feed-fetch';
import type { Json } from './feed-oracle';

/** The mutation classes of the hardening issue; every one must occur in a run. */
export const CLASSES = [
  'type',
  'bounds',
  'format',
  'missing',
  'extra',
  'huge',
  'duplicate-id',
  'domain',
  'nesting',
  'non-utf8',
  'truncation',
  'bad-signature',
  'old-sequence',
  'bytes',
  'valid',
] as const;
export type MutationClass = (typeof CLASSES)[number];

export interface Served {
  body: Uint8Array;
  sig: Uint8Array;
  /** How the feed's bytes travel: whole (default), or cut short against their Content-Length. */
  transport?: { kind: 'short' | 'break'; at: number };
}

export interface FuzzCase {
  cls: MutationClass;
  label: string;
  make(): Served;
}

const encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// The feeds

/** The key the sync under test accepts; and another key under the same id (an impostor). */
export const KEY: TestKey = makeKey('fuzz-1');
const IMPOSTOR: TestKey = makeKey('fuzz-1');
const STRANGER: TestKey = makeKey('fuzz-2');

const adobe = makeBreach({
  id: 'Adobe',
  source: 'hibp',
  title: 'Adobe',
  titleKo: undefined,
  domains: ['adobe.com'],
  breachDate: '2013-10-04',
  exposureWindow: { start: null, end: null },
  disclosureDate: null,
  addedDate: '2013-12-04T00:00:00Z',
  modifiedDate: '2022-05-15T23:52:49Z',
  pwnCount: 152445165,
  dataClasses: ['Email addresses', 'Password hints', 'Passwords', 'Usernames'],
  notExposed: [],
  description: 'In October 2013, 153 million Adobe accounts were breached. <a href="https://krebsonsecurity.com/2013/10/adobe-to-announce-source-code-customer-data-breach/">Krebs</a>',
  officialNotice: null,
  sources: ['https://krebsonsecurity.com/2013/10/adobe-to-announce-source-code-customer-data-breach/'],
  country: null,
});
const buecher = makeBreach({
  id: 'Buecher.de-2024',
  title: 'Bücher',
  titleKo: '뷔허',
  domains: ['xn--bcher-kva.de', 'forums.buecher.co.uk'],
  pwnCount: null,
  descriptionKo: '<strong>주의</strong>',
  country: 'DE',
  officialNotice: 'https://www.xn--bcher-kva.de/notice',
});
const delete_me = makeBreach({ id: 'OldShop', title: 'Old Shop', titleKo: undefined, domains: ['oldshop.com'], country: null });

/** What is stored before every case: a previous valid feed (the sync's rollback floor). */
export const PREVIOUS: FeedDocument = feedDoc(5, [makeBreach({ pwnCount: 1000 }), delete_me]);
export const PREVIOUS_TEXT = JSON.stringify(PREVIOUS);

/** The valid newer feed every mutation starts from. */
export const BASE: FeedDocument = {
  ...feedDoc(6, [makeBreach(), adobe, buecher]),
  attributions: [
    { name: 'Have I Been Pwned', url: 'https://haveibeenpwned.com', licence: 'CC BY 4.0', licenceUrl: 'https://creativecommons.org/licenses/by/4.0/' },
    { name: 'Exposure Watch curated breaches', url: 'https://github.com/exposure-watch/exposure-watch', licence: 'CC BY 4.0' },
  ],
};
const BASE_TEXT = JSON.stringify(BASE);
/** A fresh copy of the base feed to mutate. */
const baseJson = (): Record<string, Json> => JSON.parse(BASE_TEXT) as Record<string, Json>;
/** The base feed, read only. */
const BASE_JSON = baseJson();

// ---------------------------------------------------------------------------------------------
// Serialising with raw JSON text spliced in (numbers JSON.stringify cannot write, deep nesting)

class Raw {
  constructor(
    readonly text: string,
    readonly label: string,
  ) {}
}

/** A value to put in the document: plain JSON, raw JSON text, or a big one built on demand. */
export type Value = { label: string; build(): unknown };
const plain = (v: Json, label = short(v)): Value => ({ label, build: () => structuredClone(v) });
const raw = (text: string, label = text): Value => ({ label, build: () => new Raw(text, label) });

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Serialise, splicing each Raw in place of its placeholder. */
function serialise(doc: unknown, indent?: number): string {
  const raws: Raw[] = [];
  const text = JSON.stringify(doc, (_k, v: unknown) => (v instanceof Raw ? `@@raw${raws.push(v) - 1}@@` : v), indent);
  if (raws.length === 0) return text;
  return text.replace(/"@@raw(\d+)@@"/g, (_m, i: string) => raws[Number(i)].text);
}

// ---------------------------------------------------------------------------------------------
// Paths of the base document and what kind of field each is

type Path = (string | number)[];
type Kind = 'date' | 'nullable-date' | 'instant' | 'domain' | 'url' | 'nullable-url' | 'id' | 'country' | 'source' | 'bool' | 'count' | 'sequence' | 'format' | 'text' | 'short-text' | 'other';

function kindOf(path: Path): Kind {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 1) return last === 'sequence' ? 'sequence' : last === 'format' ? 'format' : last === 'generated' ? 'instant' : 'other';
  if (parent === 'domains') return 'domain';
  if (parent === 'sources') return 'url';
  if (parent === 'flags') return 'bool';
  if (parent === 'exposureWindow') return 'nullable-date';
  if (parent === 'dataClasses' || parent === 'notExposed') return 'short-text';
  switch (last) {
    case 'breachDate':
      return 'date';
    case 'disclosureDate':
      return 'nullable-date';
    case 'addedDate':
    case 'modifiedDate':
      return 'instant';
    case 'url':
    case 'licenceUrl':
      return 'url';
    case 'officialNotice':
      return 'nullable-url';
    case 'id':
      return 'id';
    case 'country':
      return 'country';
    case 'source':
      return 'source';
    case 'pwnCount':
      return 'count';
    case 'title':
    case 'titleKo':
    case 'description':
    case 'descriptionKo':
    case 'name':
    case 'licence':
      return 'text';
    default:
      return 'other';
  }
}

function allPaths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...allPaths(v, [...prefix, k])]);
}

const PATHS = allPaths(BASE_JSON);
const OBJECT_PATHS: Path[] = [[], ...PATHS.filter((p) => isPlainObject(at(BASE_JSON, p)))];
const ARRAY_PATHS = PATHS.filter((p) => Array.isArray(at(BASE_JSON, p)));
const FIELD_PATHS = PATHS.filter((p) => typeof p[p.length - 1] === 'string');

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function at(doc: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], doc);
}

function setAt(doc: Record<string, unknown>, path: Path, value: unknown): void {
  const parent = at(doc, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]] = value;
}

const showPath = (p: Path) => (p.length ? p.join('.') : '(root)');

// ---------------------------------------------------------------------------------------------
// Values: wrong types, bounds, formats, hostile domains

const WRONG_TYPES: Json[] = [null, true, false, 0, 1, -1, 1.5, 2 ** 53, 2 ** 53 - 1, 1e308, '', ' ', '0', 'null', 'true', [], {}, [null], { '': null }];

/** Numbers JSON.stringify cannot write, and tokens JSON does not have. */
const RAW_TOKENS = ['1e400', '-1e400', '-0', '6.0', '5.999999999999999999', '1E1', '0.0000001e7', '01', '0x10', 'NaN', 'Infinity', 'undefined', '"\\ud800"', '"\\u0000"', '"\\uDBFF\\uDFFF"', "'single'"];

const HOSTILE_DOMAINS = [
  'coupang.com',
  'co.uk',
  'gov.uk',
  'www.gov.uk',
  'com',
  'localhost',
  'example.local',
  'com.invalid',
  'github.io',
  '127.0.0.1',
  '10.0.0.1',
  '0x7f.0.0.1',
  '1.2.3.4.5',
  '999.999.999.999',
  'abc.123',
  '123.com',
  '10.0.0.1.nip.io',
  '[::1]',
  'coupang.com.',
  '.coupang.com',
  'coupang..com',
  'Coupang.com',
  'COUPANG.COM',
  'cоupang.com', // Cyrillic о
  'xn--cupang-5ve.com',
  'xn--80ak6aa92e.com', // аррӏе in punycode: a real IDN, a homograph
  'xn--a.com',
  'xn--zz.com',
  'xn--.com',
  'xn---.com',
  'xn--bcher-kva.de',
  'xn--BCHER-kva.de',
  'shop.xn--p1ai',
  'xn--p1ai',
  'ab--cd.com',
  '-coupang.com',
  'coupang-.com',
  'coupang_shop.com',
  '*.coupang.com',
  'javascript:alert(1)',
  'javascript.com',
  'https://coupang.com',
  'coupang.com/evil',
  'user@coupang.com',
  'coupang.com:443',
  'cou pang.com',
  'coupang.com\u0000',
  'coupang.com\n',
  '\u200bcoupang.com',
  'ｃｏｕｐａｎｇ.com',
  `${'a'.repeat(63)}.com`,
  `${'a'.repeat(64)}.com`,
  `${['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(57)].join('.')}.com`, // 253
  `${['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(58)].join('.')}.com`, // 254
  `${'a.'.repeat(126)}com`,
];

const DATES = ['2025-06-24', '2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '0000-01-01', '9999-12-31', '2025-13-01', '2025-00-10', '2025-06-31', '2025-6-24', '25-06-24', '2025/06/24', '2025-06-24T00:00:00Z', '２０２５-06-24', ' 2025-06-24', '20250624', '+002025-06-24'];
const INSTANTS = [
  '2026-11-29T00:00:00Z',
  '2026-11-29T00:00:00.123456789Z',
  '2024-02-29T23:59:59Z',
  '2023-02-29T00:00:00Z',
  '2026-11-29T24:00:00Z',
  '2026-11-29T23:60:00Z',
  '2026-11-29T23:59:60Z',
  '2026-11-29T00:00Z',
  '2026-11-29T00:00:00',
  '2026-11-29T00:00:00+00:00',
  '2026-11-29t00:00:00z',
  '2026-11-29 00:00:00Z',
  '2026-11-29T00:00:00.Z',
  '2026-11-29',
];
const URLS = [
  'https://haveibeenpwned.com/',
  'http://haveibeenpwned.com/',
  'HTTPS://HAVEIBEENPWNED.COM',
  ' https://a.com ',
  'https://a.com\n',
  'https://exa\tmple.com',
  '\u3000https://a.com',
  'https:a.com',
  'https:\\\\evil.com',
  'https://',
  'https:///path',
  '//a.com',
  '/relative',
  'javascript:alert(1)',
  'jav\tascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'ftp://a.com/',
  'wss://a.com/',
  'https://user:pw@a.com/',
  'https://[::1]/',
  'https://127.0.0.1/',
  'https://exa mple.com/',
  'https://a.com:99999/',
  'https://xn--zz.com/',
  `https://a.com/${'x'.repeat(10_000)}`,
];
const IDS = ['a', 'A'.repeat(100), 'A'.repeat(101), '-abc', '.abc', '_abc', 'a b', 'a/b', 'a\u0000', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'Adobe', 'Coupang2025', '가나다', 'abc\n'];
const COUNTRIES = ['KR', 'US', 'kr', 'KOR', 'K1', '', ' KR', 'ＫＲ'];
const SOURCES = ['hibp', 'curated', 'HIBP', 'Curated', '', 'hibp '];

/** A generated domain-like name: labels of LDH characters (sometimes other ones) over assorted suffixes. */
const generatedDomain: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.string({ unit: fc.constantFrom(...'abcxyz019-'), minLength: 0, maxLength: 70 }), { minLength: 0, maxLength: 4 }),
    fc.constantFrom('com', 'co.uk', 'uk', 'xn--p1ai', 'local', 'io', '123', 'kr', 'co.kr', ''),
    fc.option(fc.constantFrom('.', ' ', 'A', '\u00e9', '_', '..', 'xn--'), { nil: undefined }),
  )
  .map(([labels, suffix, noise]) => {
    const name = [...labels, suffix].filter((l, i, all) => l !== '' || i < all.length - 1).join('.');
    return noise === undefined ? name : noise === 'xn--' ? `xn--${name}` : name.replace(/^(.)/, `$1${noise}`);
  });

const boundaryString: fc.Arbitrary<Value> = fc
  .tuple(fc.constantFrom(1, 2, 99, 100, 101, 199, 200, 201, 4999, 5000, 5001), fc.constantFrom('a', '가', '😀', ' ', '<'))
  .map(([n, ch]) => ({ label: `"${ch}" x ${n}`, build: () => ch.repeat(n) }));

const oddString = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 10 }), fc.constantFrom('\ud800', '\udfff', 'a\ud800b', '\u0000', '\u2028\u2029', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '${7*7}', '{{7*7}}'));

/** Any value at all, by class: the generic "wrong type / odd value" pool. */
const anyValue: fc.Arbitrary<Value> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WRONG_TYPES).map((v) => plain(v)) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_TOKENS).map((t) => raw(t)) },
  { weight: 3, arbitrary: oddString.map((s) => plain(s)) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: false })).map((n) => plain(n)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => plain(v as Json)) },
);

/** Values aimed at one field's format: the catalogue for its kind, and small edits of its current value. */
function formatValue(kind: Kind, current: unknown): fc.Arbitrary<Value> {
  const catalogue: Record<Kind, readonly Json[]> = {
    date: DATES,
    'nullable-date': [...DATES, null],
    instant: INSTANTS,
    domain: HOSTILE_DOMAINS,
    url: URLS,
    'nullable-url': [...URLS, null],
    id: IDS,
    country: [...COUNTRIES, null],
    source: SOURCES,
    bool: [true, false, 'true', 0, 1, null],
    count: [0, 1, -1, 2 ** 53 - 1, 2 ** 53, 1.5, null, '1'],
    sequence: [1, 4, 5, 6, 7, 2 ** 53 - 1, 2 ** 53, 0, -6, 6.5, '7'],
    format: [1, 2, 0, '1', 1.0],
    text: ['', 'x', '쿠팡', '<b>x</b>'],
    'short-text': ['', 'Email addresses', 'x'.repeat(100), 'x'.repeat(101)],
    other: WRONG_TYPES,
  };
  const edits = typeof current === 'string' && current.length > 0 ? [editedString(current)] : [];
  return fc.oneof(
    fc.constantFrom(...catalogue[kind]).map((v) => plain(v)),
    ...(kind === 'domain' ? [generatedDomain.map((d) => plain(d))] : []),
    ...edits.map((a) => a.map((s) => plain(s))),
  );
}

/** One to three character edits of `s` (insert, delete, replace, case flip). */
function editedString(s: string): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace', 'case'), fc.constantFrom(...'aZ09-._:/ \u00e9\u0430\u200b\u0000T'));
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) =>
    edits.reduce((str, [n, op, ch]) => {
      const i = str.length === 0 ? 0 : n % str.length;
      if (op === 'insert') return str.slice(0, i) + ch + str.slice(i);
      if (op === 'delete') return str.slice(0, i) + str.slice(i + 1);
      if (op === 'replace') return str.slice(0, i) + ch + str.slice(i + 1);
      const c = str.charAt(i);
      return str.slice(0, i) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + str.slice(i + 1);
    }, s),
  );
}

/** Huge strings and arrays, built on demand (described, never printed). */
const hugeValue: fc.Arbitrary<Value> = fc.oneof(
  fc.tuple(fc.constantFrom(10_000, 100_000, 600_000, 1_200_000), fc.constantFrom('a', '가', '\\', '"')).map(([n, ch]) => ({ label: `"${ch}" x ${n}`, build: () => ch.repeat(n) })),
  fc
    .tuple(fc.constantFrom(1_000, 10_000, 60_000), fc.constantFrom<Json>('Email addresses', 'a0.com', 'https://a.com/', 0, null, ''))
    .map(([n, item]) => ({ label: `[${short(item)} x ${n}]`, build: () => Array.from({ length: n }, () => item) })),
  fc.constantFrom(1_000, 5_000).map((n) => ({ label: `[distinct domains x ${n}]`, build: () => Array.from({ length: n }, (_, i) => `shop${i}.com`) })),
);

/** Nesting `depth` deep: arrays or objects, as raw text (JSON.stringify would recurse). */
const nestedValue: fc.Arbitrary<Value> = fc
  .tuple(fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 5_000 }) }, { weight: 1, arbitrary: fc.constantFrom(50_000, 300_000) }), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, shape]) =>
    raw(
      shape === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : shape === 'object' ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '[{"a":'.repeat(depth) + '0' + '}]'.repeat(depth),
      `${shape} nested ${depth} deep`,
    ),
  );

// ---------------------------------------------------------------------------------------------
// Document mutations

interface DocMutation {
  cls: MutationClass;
  label: string;
  /** Change `doc` in place; or return a whole new document. */
  apply(doc: Record<string, unknown>): unknown;
}

const pathArb = (paths: Path[]) => fc.constantFrom(...paths);

const setMutation = (cls: MutationClass, path: Path, value: Value): DocMutation => ({
  cls,
  label: `${cls}: ${showPath(path)} = ${value.label}`,
  apply: (doc) => (path.length === 0 ? value.build() : setAt(doc, path, value.build())),
});

/** Any field, list item or the whole document replaced by a value of another type (or an odd one). */
const typeMutation = fc.tuple(fc.oneof({ weight: 30, arbitrary: pathArb(PATHS) }, { weight: 1, arbitrary: fc.constant<Path>([]) }), anyValue).map(([p, v]) => setMutation('type', p, v));

/** Bounds: lengths at and around each limit, counts, sequences, array lengths. */
const boundsMutation = fc.oneof(
  fc.tuple(pathArb(FIELD_PATHS.filter((p) => ['text', 'short-text', 'id', 'country'].includes(kindOf(p)))), boundaryString).map(([p, v]) => setMutation('bounds', p, v)),
  fc.tuple(pathArb(PATHS.filter((p) => p[p.length - 2] === 'dataClasses' || p[p.length - 2] === 'notExposed')), boundaryString).map(([p, v]) => setMutation('bounds', p, v)),
  fc
    .tuple(pathArb(FIELD_PATHS.filter((p) => ['count', 'sequence'].includes(kindOf(p)))), fc.constantFrom(-1, 0, 1, 5, 6, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1e21, -0))
    .map(([p, v]) => setMutation('bounds', p, plain(v))),
  fc.tuple(pathArb(ARRAY_PATHS)).map(([p]) => setMutation('bounds', p, plain([]))),
);

const formatMutation = pathArb(FIELD_PATHS.concat(PATHS.filter((p) => ['domain', 'url', 'short-text'].includes(kindOf(p)))))
  .chain((p) => formatValue(kindOf(p), at(BASE_JSON, p)).map((v) => setMutation('format', p, v)));

const domainMutation = fc
  .tuple(
    pathArb(PATHS.filter((p) => kindOf(p) === 'domain')),
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_DOMAINS) }, { weight: 2, arbitrary: generatedDomain }, { weight: 1, arbitrary: editedString('coupang.com') }),
    fc.boolean(),
  )
  .map(([p, d, add]): DocMutation => {
    const list = p.slice(0, -1);
    return add
      ? { cls: 'domain', label: `domain: ${showPath(list)} += ${JSON.stringify(d)}`, apply: (doc) => void (at(doc, list) as unknown[]).push(d) }
      : setMutation('domain', p, plain(d));
  });

const missingMutation = pathArb(FIELD_PATHS).map(
  (p): DocMutation => ({
    cls: 'missing',
    label: `missing: ${showPath(p)}`,
    apply: (doc) => {
      delete (at(doc, p.slice(0, -1)) as Record<string, unknown>)[p[p.length - 1] as string];
    },
  }),
);

const extraKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'id ', 'Id', 'TITLE', '', 'domains\u0000', 'x'.repeat(1000), 'sequence'), fc.string({ maxLength: 12 }));
const extraMutation = fc.oneof(
  fc.tuple(pathArb(OBJECT_PATHS), extraKey, anyValue).map(
    ([p, key, v]): DocMutation => ({
      cls: 'extra',
      label: `extra: ${showPath(p)}[${JSON.stringify(key)}] = ${v.label}`,
      apply: (doc) => {
        const target = at(doc, p) as Record<string, unknown>;
        // Own property even for "__proto__", as JSON.parse makes it.
        if (!Object.prototype.hasOwnProperty.call(target, key)) Object.defineProperty(target, key, { value: v.build(), enumerable: true, writable: true, configurable: true });
      },
    }),
  ),
  // Extra elements in a list: another breach or attribution, an odd item.
  fc.tuple(pathArb(ARRAY_PATHS), anyValue).map(
    ([p, v]): DocMutation => ({ cls: 'extra', label: `extra: ${showPath(p)} += ${v.label}`, apply: (doc) => void (at(doc, p) as unknown[]).push(v.build()) }),
  ),
);

const hugeMutation = fc
  .tuple(pathArb(PATHS.filter((p) => kindOf(p) !== 'other' || ARRAY_PATHS.some((a) => showPath(a) === showPath(p)))), hugeValue)
  .map(([p, v]) => setMutation('huge', p, v));

const breachIndex = fc.integer({ min: 0, max: BASE.breaches.length - 1 });
const duplicateIdMutation = fc.oneof(
  // The same record twice, or a changed copy under the same id.
  fc.tuple(breachIndex, fc.boolean()).map(
    ([i, changed]): DocMutation => ({
      cls: 'duplicate-id',
      label: `duplicate-id: breaches.${i} appended again${changed ? ' with another title' : ''}`,
      apply: (doc) => {
        const list = doc.breaches as BreachRecord[];
        list.push({ ...structuredClone(list[i]), ...(changed ? { title: 'Impostor' } : {}) });
      },
    }),
  ),
  fc.tuple(breachIndex, breachIndex).filter(([i, j]) => i !== j).map(
    ([i, j]): DocMutation => ({
      cls: 'duplicate-id',
      label: `duplicate-id: breaches.${j}.id = breaches.${i}.id`,
      apply: (doc) => {
        const list = doc.breaches as BreachRecord[];
        list[j].id = list[i].id;
      },
    }),
  ),
);

const nestingMutation = fc.tuple(pathArb([...PATHS, ['extraNested']]), nestedValue).map(([p, v]) => setMutation('nesting', p, v));

/** A document mutation applied to the base feed, signed with the accepted key. */
function signedDoc(mutations: fc.Arbitrary<DocMutation>, count = 1): fc.Arbitrary<FuzzCase> {
  return fc.tuple(fc.array(mutations, { minLength: 1, maxLength: count }), fc.constantFrom(undefined, undefined, undefined, 2)).map(([ms, indent]) => ({
    cls: ms[0].cls,
    label: ms.map((m) => m.label).join('; ') + (indent ? ' (pretty-printed)' : ''),
    make: () => {
      let doc: unknown = baseJson();
      for (const m of ms) {
        try {
          doc = m.apply(doc as Record<string, unknown>) ?? doc;
        } catch {
          // An earlier mutation removed or replaced this one's target: the document stays as it is.
        }
      }
      const body = encoder.encode(serialise(doc, indent));
      return { body, sig: encoder.encode(KEY.sign(body)) };
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Byte-level cases

const signedBytes = (body: Uint8Array, key: TestKey = KEY): Served => ({ body, sig: encoder.encode(key.sign(body)) });
const BASE_BYTES = encoder.encode(BASE_TEXT);
const baseBytes = () => BASE_BYTES.slice();

/** Bytes that are not UTF-8, inside a string, between tokens, or as a BOM in front. */
const nonUtf8: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.constantFrom<[string, number[]]>(
      ['0xff', [0xff]],
      ['0xc0 0x80 (overlong NUL)', [0xc0, 0x80]],
      ['lone continuation 0x80', [0x80]],
      ['cut 3-byte 0xe2 0x82', [0xe2, 0x82]],
      ['CESU surrogate 0xed 0xa0 0x80', [0xed, 0xa0, 0x80]],
      ['0xf8 5-byte lead', [0xf8, 0x88, 0x80, 0x80, 0x80]],
      ['above U+10FFFF 0xf4 0x90 0x80 0x80', [0xf4, 0x90, 0x80, 0x80]],
      ['latin-1 e9', [0xe9]],
      ['UTF-16LE BOM', [0xff, 0xfe]],
      ['UTF-8 BOM (valid)', [0xef, 0xbb, 0xbf]],
    ),
    fc.constantFrom('in a title', 'in a domain', 'before the document', 'between tokens'),
  )
  .map(([[name, seq], where]) => ({
    cls: 'non-utf8' as const,
    label: `non-utf8: ${name} ${where}`,
    make: () => {
      const text = serialise(baseJson());
      const anchor = where === 'in a title' ? text.indexOf('"Adobe"') + 2 : where === 'in a domain' ? text.indexOf('adobe.com') + 3 : where === 'between tokens' ? text.indexOf(',"breaches"') + 1 : 0;
      const bytes = encoder.encode(text);
      // Indices of the ASCII anchors are the same in bytes as in text up to the first non-ASCII character.
      const cut = encoder.encode(text.slice(0, anchor)).byteLength;
      return signedBytes(new Uint8Array([...bytes.subarray(0, cut), ...seq, ...bytes.subarray(cut)]));
    },
  }));

/** Truncated at a random offset: re-signed (reaches the parser), with the old signature, or cut in transit. */
const truncation: fc.Arbitrary<FuzzCase> = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('re-signed', 'original signature', 'short body', 'connection broke')).map(([share, how]) => ({
  cls: 'truncation' as const,
  label: `truncation: at ${(share * 100).toFixed(2)}%, ${how}`,
  make: () => {
    const full = baseBytes();
    const at = Math.min(full.byteLength - 1, Math.floor(share * full.byteLength));
    const cut = full.slice(0, at);
    if (how === 're-signed') return signedBytes(cut);
    if (how === 'original signature') return { body: cut, sig: signedBytes(full).sig };
    return { ...signedBytes(full), transport: { kind: how === 'short body' ? 'short' : 'break', at } };
  },
}));

/** Random byte edits of the base feed, re-signed: the parser's generic fuzz. */
const byteEdits: fc.Arbitrary<FuzzCase> = fc
  .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('flip', 'insert', 'delete'), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 })
  .map((edits) => ({
    cls: 'bytes' as const,
    label: `bytes: ${edits.map(([s, op, b]) => `${op} ${b} at ${(s * 100).toFixed(3)}%`).join(', ')}`,
    make: () => {
      let bytes = [...baseBytes()];
      for (const [share, op, b] of edits) {
        const i = Math.min(bytes.length - 1, Math.floor(share * bytes.length));
        if (op === 'flip') bytes[i] ^= b || 1;
        else if (op === 'insert') bytes.splice(i, 0, b);
        else bytes.splice(i, 1);
      }
      return signedBytes(new Uint8Array(bytes));
    },
  }));

// ---------------------------------------------------------------------------------------------
// Signatures and sequences

const sigFile = (keyId: unknown, sig: unknown, extra: Record<string, unknown> = {}) => encoder.encode(JSON.stringify({ keyId, sig, ...extra }));
const sigOf = (served: Served) => JSON.parse(new TextDecoder().decode(served.sig)) as { keyId: string; sig: string };

/** A valid newer feed under a signature that is wrong in one way (a few are right after all). */
const badSignature: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.constantFrom(
      'impostor key under the accepted id',
      'unknown key id',
      'signature of other bytes',
      'signature of the feed plus a newline',
      'flipped signature bit',
      'signature base64 cut short',
      'not JSON',
      'empty file',
      'extra field',
      'missing sig',
      'keyId not a string',
      'sig not a string',
      'sig with URL-safe base64',
      'sig of 65 bytes',
      'huge signature file',
      'non-UTF-8 signature file',
      'signature file with a BOM (valid)',
      'signature file pretty-printed (valid)',
      'non-canonical base64 padding bits (valid)',
      '__proto__ field',
      'array instead of object',
    ),
    fc.nat(),
  )
  .map(([how, n]) => ({
    cls: 'bad-signature' as const,
    label: `bad-signature: ${how}`,
    make: (): Served => {
      const body = baseBytes();
      const good = signedBytes(body);
      const { keyId, sig } = sigOf(good);
      const sigBytes = Buffer.from(sig, 'base64');
      const withSig = (s: Uint8Array) => ({ body, sig: s });
      switch (how) {
        case 'impostor key under the accepted id':
          return signedBytes(body, IMPOSTOR);
        case 'unknown key id':
          return signedBytes(body, STRANGER);
        case 'signature of other bytes':
          return withSig(encoder.encode(KEY.sign(encoder.encode(PREVIOUS_TEXT))));
        case 'signature of the feed plus a newline':
          return withSig(encoder.encode(KEY.sign(new Uint8Array([...body, 0x0a]))));
        case 'flipped signature bit': {
          sigBytes[n % 64] ^= 1 << n % 8;
          return withSig(sigFile(keyId, sigBytes.toString('base64')));
        }
        case 'signature base64 cut short':
          return withSig(sigFile(keyId, sig.slice(0, n % 88)));
        case 'not JSON':
          return withSig(encoder.encode(`keyId=${keyId}&sig=${sig}`));
        case 'empty file':
          return withSig(new Uint8Array(0));
        case 'extra field':
          return withSig(sigFile(keyId, sig, { alg: 'none' }));
        case 'missing sig':
          return withSig(encoder.encode(JSON.stringify({ keyId })));
        case 'keyId not a string':
          return withSig(sigFile([keyId], sig));
        case 'sig not a string':
          return withSig(sigFile(keyId, [...sigBytes]));
        case 'sig with URL-safe base64':
          return withSig(sigFile(keyId, sigBytes.toString('base64url')));
        case 'sig of 65 bytes':
          return withSig(sigFile(keyId, Buffer.concat([sigBytes, Buffer.from([n % 256])]).toString('base64')));
        case 'huge signature file':
          return withSig(sigFile(keyId, sig, { pad: 'x'.repeat(5000) }));
        case 'non-UTF-8 signature file':
          return withSig(new Uint8Array([...encoder.encode(`{"keyId":"${keyId}","sig":"`), 0xff, ...encoder.encode(`${sig.slice(1)}"}`)]));
        case 'signature file with a BOM (valid)':
          return withSig(new Uint8Array([0xef, 0xbb, 0xbf, ...good.sig]));
        case 'signature file pretty-printed (valid)':
          return withSig(encoder.encode(JSON.stringify({ keyId, sig }, null, 2)));
        case 'non-canonical base64 padding bits (valid)': {
          // The last character before "==" carries 4 unused bits: atob ignores them.
          const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
          const last = alphabet.indexOf(sig[85]);
          return withSig(sigFile(keyId, `${sig.slice(0, 85)}${alphabet[(last & 0b110000) | (1 + (n % 15))]}==`));
        }
        case '__proto__ field':
          return withSig(encoder.encode(`{"keyId":"${keyId}","sig":"${sig}","__proto__":{"keyId":"x"}}`));
        default:
          return withSig(encoder.encode(JSON.stringify([keyId, sig])));
      }
    },
  }));

/** Validly signed feeds whose sequence is older, equal (other bytes or the very same bytes), or newer. */
const oldSequence: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(5, 6, 7, 2 ** 53 - 1)), fc.constantFrom('base content', 'previous content, other bytes', 'the stored bytes exactly'))
  .map(([sequence, content]) => ({
    cls: 'old-sequence' as const,
    label: `old-sequence: ${content === 'the stored bytes exactly' ? 'replay of the stored feed' : `sequence ${sequence}, ${content}`}`,
    make: () => {
      if (content === 'the stored bytes exactly') return signedBytes(encoder.encode(PREVIOUS_TEXT));
      const doc = content === 'base content' ? { ...baseJson(), sequence } : { ...(JSON.parse(PREVIOUS_TEXT) as object), sequence };
      return signedBytes(encoder.encode(serialise(doc, content === 'base content' ? undefined : 1)));
    },
  }));

/** Genuinely valid feeds of assorted shapes (they must be accepted and stored whole). */
const validFeed: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.integer({ min: 6, max: 2 ** 53 - 1 }),
    fc.subarray([0, 1, 2]),
    fc.array(
      fc.record({
        id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
        title: fc.string({ minLength: 1, maxLength: 200 }),
        domains: fc.array(fc.constantFrom('shop.com', 'a.co.uk', 'xn--bcher-kva.de', 'm.shop.kr', 'github.io', 'www.gov.uk', '123.com', 'ab--cd.com'), { minLength: 1, maxLength: 4 }),
        pwnCount: fc.option(fc.nat(), { nil: null }),
        country: fc.option(fc.stringMatching(/^[A-Z]{2}$/), { nil: null }),
      }),
      { maxLength: 4 },
    ),
    fc.constantFrom(undefined, 2, '\t'),
  )
  .map(([sequence, keep, extra, indent]) => ({
    cls: 'valid' as const,
    label: `valid: sequence ${sequence}, base records ${keep.join(',') || 'none'}, +${extra.length} generated (${extra.map((e) => e.id).join(',')})`,
    make: () => {
      const ids = new Set<string>();
      const breaches = [...keep.map((i) => BASE.breaches[i]), ...extra.map((e) => makeBreach(e))].filter((b) => !ids.has(b.id) && !!ids.add(b.id));
      return signedBytes(encoder.encode(serialise({ ...BASE, sequence, breaches }, indent as number | undefined)));
    },
  }));

// ---------------------------------------------------------------------------------------------
// The shipped feed (about 1 MB, about a thousand breaches): a few cases at real size

/**
 * Real-size cases from `text`, the shipped feed (public/feed/feed.json): the feed re-signed as
 * sequence 6 (valid), and that feed broken in one place.
 */
export function realSizeCases(text: string): { valid: FuzzCase; broken: fc.Arbitrary<FuzzCase> } {
  const doc = JSON.parse(text) as FeedDocument;
  const resigned = (d: unknown) => signedBytes(encoder.encode(JSON.stringify(d)));
  const n = doc.breaches.length;
  const valid: FuzzCase = { cls: 'valid', label: 'real size: the shipped feed as sequence 6', make: () => resigned({ ...doc, sequence: 6 }) };
  const broken = fc.oneof(
    fc.nat({ max: n - 1 }).map((i) => ({
      cls: 'duplicate-id' as const,
      label: `real size: breaches.${i} listed again at the end`,
      make: () => resigned({ ...doc, sequence: 6, breaches: [...doc.breaches, doc.breaches[i]] }),
    })),
    fc.tuple(fc.nat({ max: n - 1 }), fc.constantFrom(...HOSTILE_DOMAINS)).map(([i, d]) => ({
      cls: 'domain' as const,
      label: `real size: breaches.${i}.domains += ${JSON.stringify(d)}`,
      make: () => resigned({ ...doc, sequence: 6, breaches: doc.breaches.map((b, j) => (j === i ? { ...b, domains: [...b.domains, d] } : b)) }),
    })),
    fc.double({ min: 0, max: 1, noNaN: true }).map((share) => ({
      cls: 'truncation' as const,
      label: `real size: re-signed, truncated at ${(share * 100).toFixed(2)}%`,
      make: () => {
        const full = encoder.encode(JSON.stringify({ ...doc, sequence: 6 }));
        return signedBytes(full.slice(0, Math.floor(share * full.byteLength)));
      },
    })),
    fc.constant({ cls: 'old-sequence' as const, label: 'real size: the shipped feed as sequence 4', make: () => resigned({ ...doc, sequence: 4 }) }),
  );
  return { valid, broken };
}

// ---------------------------------------------------------------------------------------------
// The mix

/** Document-level mutations of the base feed, signed (most of the generated feeds). */
export const documentCases: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 4, arbitrary: signedDoc(typeMutation) },
  { weight: 3, arbitrary: signedDoc(boundsMutation) },
  { weight: 4, arbitrary: signedDoc(formatMutation) },
  { weight: 2, arbitrary: signedDoc(missingMutation) },
  { weight: 2, arbitrary: signedDoc(extraMutation, 3) },
  { weight: 4, arbitrary: signedDoc(domainMutation, 2) },
  { weight: 1, arbitrary: signedDoc(duplicateIdMutation) },
  { weight: 1, arbitrary: signedDoc(fc.oneof(typeMutation, formatMutation, missingMutation, extraMutation, domainMutation), 4) },
);

/** Big ones: huge strings and arrays, deep nesting (fewer runs: each costs more). */
export const bigCases: fc.Arbitrary<FuzzCase> = fc.oneof(signedDoc(hugeMutation), signedDoc(nestingMutation));

/** Bytes, signatures, sequences, and valid feeds. */
export const wireCases: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 2, arbitrary: nonUtf8 },
  { weight: 3, arbitrary: truncation },
  { weight: 3, arbitrary: byteEdits },
  { weight: 3, arbitrary: badSignature },
  { weight: 2, arbitrary: oldSequence },
  { weight: 2, arbitrary: validFeed },
);

/** fast-check prints a case by its label. */
export function printable(c: FuzzCase): FuzzCase {
  return Object.assign(c, { [fc.toStringMethod]: () => c.label });
}

export { HOSTILE_DOMAINS, URLS };
