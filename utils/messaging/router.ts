/**
 * The background's one message router: parses every payload with the protocol's zod schema,
 * checks the sender, and dispatches through a handler table. Everything else is dropped with a
 * logged reason (the caller's promise rejects with that reason).
 */
import type { Browser } from 'wxt/browser';

type Sender = Browser.runtime.MessageSender;
import { requests, type MessageName, type RequestOf, type Responses } from './protocol';

export type Handlers = {
  [N in MessageName]: (payload: RequestOf<N>, sender: Sender) => Promise<Responses[N]>;
};

export class MessageRejected extends Error {}

/** Who may send what: content messages from a top frame of a web page in a tab; ui messages from our own pages. */
function senderProblem(type: MessageName, sender: Sender, self: { id: string; origin: string }): string | null {
  if (sender.id !== self.id) return 'sender is not this extension';
  if (type.startsWith('content:')) {
    if (!sender.tab || sender.tab.id === undefined) return 'content message without a tab';
    if (sender.frameId !== 0) return 'content message from a subframe';
    if (!sender.url || !/^https?:/.test(sender.url)) return 'content message from a non-web page';
    return null;
  }
  if (!sender.url || !sender.url.startsWith(self.origin)) return 'ui message from outside the extension';
  return null;
}

/**
 * A listener for `runtime.onMessage` (webextension-polyfill style: returns a promise).
 * @param self.id this extension's id; self.origin its pages' origin, e.g. `chrome-extension://<id>/`.
 */
export function createRouter(handlers: Handlers, self: { id: string; origin: string }, log: (m: string) => void = console.warn) {
  return (message: unknown, sender: Sender): Promise<unknown> => {
    const reject = (why: string) => {
      log(`exposure-watch: dropped message: ${why}`);
      return Promise.reject(new MessageRejected(why));
    };
    if (typeof message !== 'object' || message === null || !('type' in message)) return reject('not a typed message');
    const { type, ...payload } = message as { type: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(requests, type)) return reject(`unknown type ${String(type).slice(0, 40)}`);
    const name = type as MessageName;
    const problem = senderProblem(name, sender, self);
    if (problem) return reject(`${name}: ${problem}`);
    const parsed = requests[name].safeParse(payload);
    if (!parsed.success) return reject(`${name}: bad payload at ${parsed.error.issues[0]?.path.join('.') || '(root)'}`);
    const handler = handlers[name] as (p: unknown, s: Sender) => Promise<unknown>;
    return handler(parsed.data, sender);
  };
}
