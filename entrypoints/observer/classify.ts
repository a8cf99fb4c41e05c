/**
 * Which KINDS of personal details a submitted form carried: from each non-empty field's
 * autocomplete token (HTML standard, "Autofill" section), its input type, and its name, id,
 * label, placeholder and table header (English and Korean words). Returns canonical detail ids
 * only. A field's value is looked at for one thing, whether it is empty, and never leaves the
 * `filled` check: not returned, stored, sent or logged.
 */
import type { ProfileDetail } from '@/utils/taxonomy/details';

/** Autofill field names (https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#autofill). */
const AUTOCOMPLETE: Record<string, ProfileDetail> = {};
const tokens = (detail: ProfileDetail, names: string) => names.split(' ').forEach((n) => (AUTOCOMPLETE[n] = detail));
tokens('name', 'name honorific-prefix given-name additional-name family-name honorific-suffix');
tokens('username', 'username nickname impp');
tokens('password', 'current-password new-password');
tokens('work', 'organization organization-title');
tokens('address', 'street-address address-line1 address-line2 address-line3 address-level1 address-level2 address-level3 address-level4 postal-code');
tokens('payment-card', 'cc-name cc-given-name cc-additional-name cc-family-name cc-number cc-exp cc-exp-month cc-exp-year cc-csc cc-type');
tokens('birth-date', 'bday bday-day bday-month bday-year');
tokens('gender', 'sex');
tokens('email', 'email');
tokens('phone', 'tel tel-country-code tel-national tel-area-code tel-local tel-local-prefix tel-local-suffix tel-extension');
tokens('photos', 'photo');
tokens('social-profiles', 'url');

/** Checked before the input type: these are often typed as passwords or plain numbers. */
const STRONG: [ProfileDetail, RegExp][] = [
  ['entrance-code', /공동\s*현관|현관\s*(문\s*)?(비밀)?번호|출입\s*(비밀)?번호|entrance|door\s*code|gate\s*code|building\s*code|entry\s*code/],
  ['government-id', /주민\s*(등록)?\s*번호|주민\s*등록|외국인\s*등록|resident\s*(registration|id)|\bssn\b|social\s*security|national\s*id|\brrn\b|jumin/],
  ['payment-card', /카드\s*번호|카드\s*유효|유효\s*기간|\bcvc\b|\bcvv\b|card\s*(number|no|num|exp|expiry|holder)|\bcc\s*(num|number|exp|csc)|credit\s*card/],
];

const TYPES: Record<string, ProfileDetail> = { email: 'email', tel: 'phone', password: 'password' };

/** In order: the first that matches wins ("이메일 주소" is an email, "받는 분 주소" an address). */
const HINTS: [ProfileDetail, RegExp][] = [
  ['bank-account', /계좌|예금주|account\s*(number|no)|\biban\b|\bbank/],
  ['password', /비밀\s*번호|패스워드|password|passwd|\bpwd?\b/],
  ['email', /이메일|e\s*-?\s*mail|메일\s*주소/],
  ['phone', /휴대\s*(폰|전화)|핸드폰|전화\s*번호|연락처|phone|mobile|\btel\d*\b|\bhp\d*\b|\bcell/],
  ['birth-date', /생년\s*월일|생일|birth|\bbday\b|\bdob\b/],
  ['gender', /성별|gender|\bsex\b/],
  ['address', /주소|배송지|우편\s*번호|address|street|postal|post\s*code|\baddr|\bzip|\bcity\b/],
  ['username', /아이디|닉네임|user\s*(name|id)|login\s*(id|name)|\bnickname\b|\buid\b|\blogin\b/],
  ['name', /이름|성명|받는\s*(분|사람)|수령인|수취인|주문자|\bname\b|given|family|surname/],
];

const SKIP = /^(hidden|submit|button|reset|image|file|range|color|search|checkbox)$/;

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** True when the user filled the field (the value itself goes nowhere). */
function filled(el: Field): boolean {
  if (el instanceof HTMLInputElement && el.type === 'radio') return el.checked;
  if (el instanceof HTMLSelectElement) return el.selectedIndex > 0 && el.value !== '';
  return el.value.trim() !== '';
}

/** Words for a field: what the page shows people (labels, placeholder, row header), then its attributes. Never the value. */
function hints(el: Field): [shown: string, attributes: string] {
  const shown = [el.getAttribute('placeholder'), el.getAttribute('aria-label'), el.title];
  for (const label of Array.from(el.labels ?? [])) shown.push(label.textContent);
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) for (const id of labelledBy.split(/\s+/)) shown.push(document.getElementById(id)?.textContent ?? '');
  shown.push(el.closest('tr')?.querySelector('th')?.textContent ?? '');
  const words = (parts: (string | null | undefined)[]) =>
    parts
      .join(' ')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/[_\-[\].:]+/g, ' ')
      .toLowerCase();
  return [words(shown), words([el.name, el.id])];
}

function match(table: [ProfileDetail, RegExp][], texts: string[]): ProfileDetail | null {
  for (const text of texts) for (const [detail, re] of table) if (re.test(text)) return detail;
  return null;
}

/** The canonical detail a field asks for, or null. */
export function detailOfField(el: Field): ProfileDetail | null {
  const auto = (el.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).filter((t) => t && t !== 'webauthn').pop();
  if (auto && AUTOCOMPLETE[auto]) return AUTOCOMPLETE[auto];
  const texts = hints(el);
  const strong = match(STRONG, texts);
  if (strong) return strong;
  if (el instanceof HTMLInputElement && TYPES[el.type]) return TYPES[el.type];
  return match(HINTS, texts);
}

/** Distinct details of the non-empty fields of `form`, in field order. */
export function detailsInForm(form: HTMLFormElement): ProfileDetail[] {
  const out = new Set<ProfileDetail>();
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) continue;
    if (el.disabled || (el instanceof HTMLInputElement && SKIP.test(el.type))) continue;
    if (!filled(el)) continue;
    const detail = detailOfField(el);
    if (detail) out.add(detail);
  }
  return [...out];
}
