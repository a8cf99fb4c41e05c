// @vitest-environment happy-dom
// The sanitiser is its own chunk, loaded on first use (the popup opens without it). Until it is
// there a description shows nothing, never the raw markup; then the sanitised text and links.
// This file must not load it beforehand: the first render below is the cold path.
import { describe, expect, it } from 'vitest';
import { render, waitFor } from '@testing-library/preact';
import { SafeDescription, descriptionNodes, loadPurifier } from '@/components/safe-description';

const HOSTILE = 'Before <img src=x onerror="globalThis.pwned=1"><a href="https://ok.example/">the report</a> after';

describe('SafeDescription', () => {
  it('deferred (inside a closed fold): loads nothing and shows nothing', async () => {
    const { container } = render(<SafeDescription html={HOSTILE} defer />);
    await new Promise((r) => setTimeout(r, 50));
    expect(container.querySelector('p')!.innerHTML).toBe('');
    expect(() => descriptionNodes('x')).toThrow('descriptionNodes before loadPurifier() resolved');
  });

  it('shows nothing until the sanitiser is loaded, then the sanitised description', async () => {
    expect(() => descriptionNodes('x')).toThrow('descriptionNodes before loadPurifier() resolved');
    const { container } = render(<SafeDescription html={HOSTILE} class="description" />);
    const p = container.querySelector('p.description')!;
    expect(p.innerHTML).toBe('');
    await waitFor(() => expect(p.textContent).toBe('Before the report after'));
    expect(p.querySelector('img')).toBeNull();
    expect([...p.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://ok.example/']);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('once loaded, renders in the first pass, and loadPurifier resolves to the same instance', async () => {
    const first = await loadPurifier();
    expect(await loadPurifier()).toBe(first);
    const { container } = render(<SafeDescription html={HOSTILE} links={false} />);
    expect(container.querySelector('p')!.textContent).toBe('Before the report after');
    expect(container.querySelector('a')).toBeNull();
  });
});
