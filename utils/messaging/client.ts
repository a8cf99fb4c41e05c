/**
 * Typed sender for extension pages (popup, details, onboarding, options). The background
 * answers or rejects; a rejection carries the background's error message.
 */
import { browser } from 'wxt/browser';
import type { MessageName, RequestOf, Responses } from './protocol';

/** Send `type` with `payload` to the background and resolve with its typed response. */
export async function send<N extends MessageName>(type: N, payload: RequestOf<N>): Promise<Responses[N]> {
  return (await browser.runtime.sendMessage({ type, ...payload })) as Responses[N];
}
