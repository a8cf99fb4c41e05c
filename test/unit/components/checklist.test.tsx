// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent } from '@testing-library/preact';
import { Checklist, progressText } from '@/components/checklist';
import { BreachCard } from '@/components/breach-card';
import { remediationFor } from '@/utils/remediation/catalog';
import { assessBreach } from '@/utils/assessment/assess';
import { coupang, verdict } from './coupang';
import { renderWithI18n, translator } from './render';

const steps = remediationFor(coupang, 'coupang.com').filter((s) => ['phone', 'general'].includes(s.detail));

describe('checklist', () => {
  it('ticks steps, shows progress, and keeps links apart from the tick box', () => {
    const onToggle = vi.fn();
    const { getByRole, getByText, container } = renderWithI18n(<Checklist steps={steps} site="coupang.com" done={['phone.smishing']} onToggle={onToggle} />);
    expect(getByText(`1 of ${steps.length} done`)).toBeTruthy();
    const smishing = getByRole('checkbox', { name: /smishing/ }) as HTMLInputElement;
    expect(smishing.checked).toBe(true);
    fireEvent.click(getByRole('checkbox', { name: /hang up and call back/ }));
    expect(onToggle).toHaveBeenCalledWith('phone.call-back', true);
    fireEvent.click(smishing);
    expect(onToggle).toHaveBeenLastCalledWith('phone.smishing', false);
    expect(container.querySelector('.step-done')?.getAttribute('data-step-id')).toBe('phone.smishing');
    const notice = getByRole('link', { name: 'Read the notice' });
    expect(notice.closest('label')).toBeNull();
  });

  it('words progress in English and Korean', () => {
    expect(progressText(3, 7, translator('en'), 'en')).toBe('3 of 7 done');
    expect(progressText(7, 7, translator('en'), 'en')).toBe('All 7 done');
    expect(progressText(3, 7, translator('ko'), 'ko')).toBe('7개 중 3개 완료');
  });
});

describe('breach card with the user\'s exposure', () => {
  it('shows only the details the user gave as may be exposed, the rest as "also taken", and a checklist for those', () => {
    const v = verdict(coupang);
    const exposure = assessBreach(v, 'coupang.com', new Set(['email', 'phone', 'address', 'payment-card']), new Set(['phone.smishing']));
    const onAdd = vi.fn();
    const onToggle = vi.fn();
    const { container, getByRole, getByText } = renderWithI18n(
      <BreachCard verdict={v} site="coupang.com" exposure={exposure} onToggleStep={onToggle} onAddDetail={onAdd} compact />,
    );
    const exposed = [...container.querySelectorAll('.may-be-exposed li')].map((li) => li.getAttribute('data-detail'));
    expect(exposed).toEqual(['email', 'phone', 'address']);
    expect(getByText('Your details that may be exposed')).toBeTruthy();
    const notExposed = container.querySelector('.not-exposed')!.textContent!;
    expect(notExposed).toContain('payment card details');
    expect(notExposed).toContain('passwords');
    fireEvent.click(getByRole('button', { name: 'Add names to your details at coupang.com' }));
    expect(onAdd).toHaveBeenCalledWith('name');
    expect(getByText(`1 of ${exposure.steps.length} done`)).toBeTruthy();
    expect(container.querySelector('[data-step-id="entrance-code.change"]')).toBeNull();
    fireEvent.click(getByRole('checkbox', { name: /phishing emails/ }));
    expect(onToggle).toHaveBeenCalledWith('email.phishing', true);
  });

  it('says so calmly when none of the user\'s details were taken', () => {
    const v = verdict(coupang);
    const exposure = assessBreach(v, 'coupang.com', new Set(['payment-card']), new Set());
    const { getByText, container } = renderWithI18n(<BreachCard verdict={v} site="coupang.com" exposure={exposure} />, 'ko');
    expect(getByText('coupang.com에 제공한 내 정보는 이번 유출에 포함되지 않았습니다.')).toBeTruthy();
    expect(container.querySelector('.what-to-do')).toBeNull();
  });
});
