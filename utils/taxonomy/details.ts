/**
 * Canonical personal details: the small set of things a person recognises ("my phone number"),
 * onto which HIBP's hundred-plus data-class names map. Message keys for their names come
 * from `detailMessageKey` in public/_locales/<lang>/messages.json.
 */

export const CANONICAL_DETAILS = [
  'name', 'email', 'phone', 'address', 'entrance-code', 'birth-date', 'gender', 'government-id',
  'password', 'security-questions', 'payment-card', 'bank-account', 'order-history', 'location',
  'device-id', 'username', 'social-profiles', 'messages', 'photos', 'work', 'finances', 'health',
  'personal-life', 'other',
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
  'Nicknames': 'username',
  'Salutations': 'name',
  'Ages': 'birth-date',
  'Age groups': 'birth-date',
  'Time zones': 'location',
  'Flights taken': 'location',
  'Travel habits': 'location',
  'Travel plans': 'location',
  'MAC addresses': 'device-id',
  'SIM authentication keys': 'device-id',
  'Apps installed on devices': 'device-id',
  'Cellular network names': 'device-id',
  'Device usage tracking data': 'device-id',
  'Encrypted keys': 'password',
  'Mnemonic phrases': 'password',
  'Password strengths': 'password',
  'Loyalty program details': 'order-history',
  'Reward program balances': 'order-history',
  'VIP statuses': 'order-history',
  'Buying preferences': 'order-history',
  'Purchasing habits': 'order-history',
  'Shipment tracking numbers': 'order-history',
  'Warranty claims': 'order-history',
  // Details added for the profile (issue 4): things a person recognises as "theirs".
  'Social media profiles': 'social-profiles',
  'Instant messenger identities': 'social-profiles',
  'User website URLs': 'social-profiles',
  'Homepage URLs': 'social-profiles',
  'Social connections': 'social-profiles',
  'Address book contacts': 'social-profiles',
  'Private messages': 'messages',
  'Email messages': 'messages',
  'SMS messages': 'messages',
  'Chat logs': 'messages',
  'Support tickets': 'messages',
  'Customer service comments': 'messages',
  'Customer service records': 'messages',
  'Customer interactions': 'messages',
  'Customer feedback': 'messages',
  'Forum posts': 'messages',
  'Comments': 'messages',
  'AI prompts': 'messages',
  'Call records': 'messages',
  'Audio recordings': 'messages',
  'Photos': 'photos',
  'Profile photos': 'photos',
  'Avatars': 'photos',
  'Job titles': 'work',
  'Employers': 'work',
  'Occupations': 'work',
  'Job applications': 'work',
  'Employment statuses': 'work',
  'Professional skills': 'work',
  'Career levels': 'work',
  'Years of professional experience': 'work',
  'Work habits': 'work',
  'Company names': 'work',
  'Education levels': 'work',
  'Academic records': 'work',
  'School grades (class levels)': 'work',
  'Income levels': 'finances',
  'Account balances': 'finances',
  'Credit status information': 'finances',
  'Credit scores': 'finances',
  'Loan information': 'finances',
  'Net worths': 'finances',
  'Earnings': 'finances',
  'Financial investments': 'finances',
  'Taxation records': 'finances',
  'Living costs': 'finances',
  'Home ownership statuses': 'finances',
  'Car ownership statuses': 'finances',
  'Socioeconomic levels': 'finances',
  'Charitable donations': 'finances',
  'Cryptocurrency wallet addresses': 'finances',
  'Utility bills': 'finances',
  'Personal health data': 'health',
  'Health insurance information': 'health',
  'Medical records': 'health',
  'HIV statuses': 'health',
  'Disabilities': 'health',
  'Fitness levels': 'health',
  'Marital statuses': 'personal-life',
  'Relationship statuses': 'personal-life',
  'Family structure': 'personal-life',
  "Family members' names": 'personal-life',
  'Spouses names': 'personal-life',
  'Parenting plans': 'personal-life',
  'Wedding anniversaries': 'personal-life',
  'Religions': 'personal-life',
  'Political views': 'personal-life',
  'Political donations': 'personal-life',
  'Sexual orientations': 'personal-life',
  'Sexual fetishes': 'personal-life',
  'Ethnicities': 'personal-life',
  'Races': 'personal-life',
  'Nationalities': 'personal-life',
  'Citizenship statuses': 'personal-life',
  'Places of birth': 'personal-life',
  'Spoken languages': 'personal-life',
  'Bios': 'personal-life',
  'Personal descriptions': 'personal-life',
  'Personal interests': 'personal-life',
  'Physical attributes': 'personal-life',
  'Clothing sizes': 'personal-life',
  'Tattoo status': 'personal-life',
  'Beauty ratings': 'personal-life',
  'IQ levels': 'personal-life',
  'Astrological signs': 'personal-life',
  'Smoking habits': 'personal-life',
  'Drinking habits': 'personal-life',
  'Drug habits': 'personal-life',
  'Eating habits': 'personal-life',
};

/**
 * HIBP data classes mapped to `other` on purpose, each with the reason. `detailOf` gives
 * `other` for these as for unknown classes; the list exists so a test can tell a decision from
 * an oversight (test/unit/taxonomy.test.ts fails on any class in the feed that is in neither map).
 */
export const OTHER_DATA_CLASSES: Readonly<Record<string, string>> = {
  'Website activity': 'a record the site kept of what the account did there, not a detail the person handed over; no step of its own',
  'Browsing histories': 'a record of pages visited, not a detail the person handed over; no step of its own',
  'User statuses': "the account's state on the site (active, banned, ...), nothing about the person",
  'Profile statistics': "counters about the account (posts, followers, ...), nothing about the person",
  'Survey results': 'answers to surveys: contents differ from site to site, so no single detail fits',
  'Appointments': 'appointment records: contents differ from site to site (medical, service, ...), so no single detail fits',
  'Language preferences': "a site setting, not a personal detail",
  'Vehicle details': 'vehicle data: rare, nothing a shopper gives a shop, no step of its own',
  'Vehicle identification numbers (VINs)': 'vehicle data: rare, nothing a shopper gives a shop, no step of its own',
  'Vehicle registration plates': 'vehicle data: rare, nothing a shopper gives a shop, no step of its own',
  'Licence plates': 'vehicle data: rare, nothing a shopper gives a shop, no step of its own',
  'Biometric data': 'cannot be changed by the person, so no step applies beyond the breach notice',
  'Deceased date': 'about someone who died, nothing the living account holder can act on',
};

/** The i18n message key of a detail's name (message names allow only [A-Za-z0-9_]). */
export function detailMessageKey(d: CanonicalDetail): string {
  return `detail_${d.replace(/-/g, '_')}`;
}

/** Details a person can say they gave a site (the profile): every canonical detail but `other`. */
export const PROFILE_DETAILS = CANONICAL_DETAILS.filter((d): d is Exclude<CanonicalDetail, 'other'> => d !== 'other');
export type ProfileDetail = Exclude<CanonicalDetail, 'other'>;

/** The details most shops ask for, offered first in the profile editors; the rest sit under "more". */
export const COMMON_PROFILE_DETAILS: readonly ProfileDetail[] = [
  'name', 'email', 'phone', 'address', 'entrance-code', 'birth-date', 'password', 'payment-card',
  'bank-account', 'order-history', 'government-id', 'username',
];

/** True for a canonical detail id a profile may hold. */
export function isProfileDetail(d: string): d is ProfileDetail {
  return (PROFILE_DETAILS as readonly string[]).includes(d);
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
