/**
 * Canonical personal details: the small set of things a person recognises ("my phone number"),
 * onto which HIBP's hundred-plus data-class names map. Message keys for their names come
 * from `detailMessageKey` in public/_locales/<lang>/messages.json.
 */

export const CANONICAL_DETAILS = [
  'name', 'email', 'phone', 'address', 'entrance-code', 'birth-date', 'gender', 'government-id',
  'password', 'security-questions', 'payment-card', 'bank-account', 'order-history', 'location',
  'device-id', 'username', 'other',
] as const;

export type CanonicalDetail = (typeof CANONICAL_DETAILS)[number];

/**
 * HIBP data class (exact spelling, as in https://haveibeenpwned.com/API/v3/dataclasses) ->
 * canonical detail. Classes not listed map to `other`.
 */
export const DATA_CLASS_DETAIL: Readonly<Record<string, CanonicalDetail>> = {
  'Names': 'name',
  'Email addresses': 'email',
  'Phone numbers': 'phone',
  'Physical addresses': 'address',
  'Delivery instructions': 'entrance-code',
  'Building entrance codes': 'entrance-code',
  'Dates of birth': 'birth-date',
  'Genders': 'gender',
  'Government issued IDs': 'government-id',
  'Social security numbers': 'government-id',
  'National identity numbers': 'government-id',
  'Passport numbers': 'government-id',
  'Passwords': 'password',
  'Password hints': 'password',
  'Security questions and answers': 'security-questions',
  'Credit cards': 'payment-card',
  'Credit card CVV': 'payment-card',
  'Partial credit card data': 'payment-card',
  'Bank account numbers': 'bank-account',
  'Purchases': 'order-history',
  'IP addresses': 'location',
  'Geographic locations': 'location',
  'Device information': 'device-id',
  'IMSI numbers': 'device-id',
  'IMEI numbers': 'device-id',
  'Usernames': 'username',
  // Further HIBP classes that are the same thing to the person whose data it is.
  'Historical passwords': 'password',
  'PINs': 'password',
  'Auth tokens': 'password',
  'Mothers maiden names': 'security-questions',
  "Driver's licenses": 'government-id',
  'Partial government issued IDs': 'government-id',
  'Tax numbers': 'government-id',
  'Partial dates of birth': 'birth-date',
  'Partial phone numbers': 'phone',
  'Recovery email addresses': 'email',
  'Payment methods': 'payment-card',
  'Payment histories': 'order-history',
  'Financial transactions': 'bank-account',
  'Latitude and longitude pairs': 'location',
  'Browser user agent details': 'device-id',
  'Display names': 'username',
};

/** The i18n message key of a detail's name (message names allow only [A-Za-z0-9_]). */
export function detailMessageKey(d: CanonicalDetail): string {
  return `detail_${d.replace(/-/g, '_')}`;
}

/** The canonical detail for one HIBP data class (`other` when unmapped). */
export function detailOf(dataClass: string): CanonicalDetail {
  return DATA_CLASS_DETAIL[dataClass] ?? 'other';
}

/** Distinct canonical details for a list of data classes, in CANONICAL_DETAILS order. */
export function detailsOf(dataClasses: readonly string[]): CanonicalDetail[] {
  const set = new Set(dataClasses.map(detailOf));
  return CANONICAL_DETAILS.filter((d) => set.has(d));
}
