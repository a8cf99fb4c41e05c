// @vitest-environment happy-dom
// The form observer's heuristics on fixture forms (test/fixtures/forms/), and its one message.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detailOfField, detailsInForm } from '@/entrypoints/observer/classify';

function load(name: string): HTMLFormElement {
  document.body.innerHTML = readFileSync(`test/fixtures/forms/${name}.html`, 'utf8');
  return document.querySelector('form')!;
}

/** Type into every text-like field, choose the second option of selects and the first radio. */
function fillAll(form: HTMLFormElement, value = '홍길동 010-1234-5678') {
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLSelectElement) el.selectedIndex = 1;
    else if (el instanceof HTMLInputElement && el.type === 'radio') el.checked = el.value === 'f';
    else if (el instanceof HTMLInputElement && !['hidden', 'checkbox', 'search', 'submit'].includes(el.type)) el.value = el.type === 'date' ? '1990-01-02' : value;
    else if (el instanceof HTMLTextAreaElement) el.value = value;
  }
}

const field = (form: HTMLFormElement, name: string) => form.elements.namedItem(name) as HTMLInputElement;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('observer heuristics', () => {
  it('an English checkout: autocomplete tokens, types, labels; hidden, checkbox and search fields never count', () => {
    const form = load('en-checkout');
    fillAll(form);
    expect(detailsInForm(form)).toEqual(['name', 'email', 'phone', 'address', 'entrance-code', 'payment-card']);
  });

  it('an English sign-up without autocomplete: names, labels, types and a chosen radio', () => {
    const form = load('en-signup');
    fillAll(form);
    expect(new Set(detailsInForm(form))).toEqual(new Set(['name', 'username', 'email', 'password', 'birth-date', 'gender', 'phone', 'work']));
  });

  it('a Korean checkout: table-header labels (받는 분, 휴대폰, 이메일, 배송지 주소, 공동현관 출입번호, 카드번호)', () => {
    const form = load('ko-checkout');
    fillAll(form);
    expect(detailsInForm(form)).toEqual(['name', 'phone', 'email', 'address', 'entrance-code', 'payment-card']);
    expect(detailOfField(field(form, 'gateCode'))).toBe('entrance-code');
    expect(detailOfField(field(form, 'dlvMemo'))).toBeNull();
  });

  it('a Korean sign-up: 아이디, 비밀번호, 이름, 생년월일, 성별, 주민등록번호 (a password-typed field), 전화번호, 계좌번호', () => {
    const form = load('ko-signup');
    fillAll(form);
    expect(detailsInForm(form)).toEqual(['username', 'password', 'name', 'birth-date', 'gender', 'government-id', 'phone', 'bank-account']);
    // The label a person reads wins over an attribute name ("userName" labelled 이름 is a name).
    expect(detailOfField(field(form, 'userName'))).toBe('name');
    expect(detailOfField(field(form, 'jumin2'))).toBe('government-id');
  });

  it('counts only the fields the user filled', () => {
    const form = load('ko-checkout');
    field(form, 'rcvNm').value = '홍길동';
    field(form, 'hp1').value = '010';
    field(form, 'addrDetail').value = '   ';
    expect(detailsInForm(form)).toEqual(['name', 'phone']);
    const signup = load('ko-signup');
    expect(detailsInForm(signup)).toEqual([]); // "선택" (the placeholder option) is not a choice
  });

  it('honours section and contact tokens in autocomplete ("section-a shipping tel", "home email webauthn")', () => {
    document.body.innerHTML = '<form><input id="a" autocomplete="section-a shipping tel"><input id="b" autocomplete="home email webauthn"><input id="c" autocomplete="off" name="x"></form>';
    expect(detailOfField(document.getElementById('a') as HTMLInputElement)).toBe('phone');
    expect(detailOfField(document.getElementById('b') as HTMLInputElement)).toBe('email');
    expect(detailOfField(document.getElementById('c') as HTMLInputElement)).toBeNull();
  });
});

describe('observer script', () => {
  const sent: unknown[] = [];
  let chromeStub: { runtime: { sendMessage: (m: unknown) => Promise<unknown> }; extension: { inIncognitoContext: boolean } };

  beforeEach(() => {
    sent.length = 0;
    chromeStub = { runtime: { sendMessage: vi.fn(async (m: unknown) => (sent.push(m), { recorded: 1 })) }, extension: { inIncognitoContext: false } };
    (globalThis as unknown as { chrome: unknown }).chrome = chromeStub;
    vi.resetModules();
  });

  async function run() {
    const script = (await import('@/entrypoints/observer/index')).default as unknown as { main: () => void };
    script.main();
  }

  /** A submit as the browser fires it for the user (the observer ignores the page's made-up ones). */
  function submit(form: HTMLFormElement) {
    form.addEventListener('submit', (e) => e.preventDefault());
    const event = new Event('submit', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'isTrusted', { value: true });
    form.dispatchEvent(event);
  }

  it('sends the kinds of details on submit, and nothing of what was typed', async () => {
    await run();
    const form = load('ko-checkout');
    fillAll(form, 'test.user+ew@example.com 홍길동 #1234*');
    submit(form);
    expect(sent).toEqual([{ type: 'content:observed-details', details: ['name', 'phone', 'email', 'address', 'entrance-code', 'payment-card'] }]);
    const wire = JSON.stringify(sent);
    for (const typed of ['홍길동', 'example.com', '#1234*']) expect(wire).not.toContain(typed);
  });

  it('sends nothing for a form without personal details, and nothing at all in a private window', async () => {
    await run();
    document.body.innerHTML = '<form><input name="q" aria-label="검색" value="물티슈"></form>';
    submit(document.querySelector('form')!);
    expect(sent).toEqual([]);

    chromeStub.extension.inIncognitoContext = true;
    vi.resetModules();
    document.body.innerHTML = '';
    const fresh = document.createElement('div');
    document.body.append(fresh);
    // A fresh document listener would be added by main(); in a private window it bails first.
    const add = vi.spyOn(document, 'addEventListener');
    await run();
    expect(add).not.toHaveBeenCalledWith('submit', expect.anything(), expect.anything());
  });
});
