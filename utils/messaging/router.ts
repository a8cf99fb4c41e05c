/**
 * The background's one message router: parses every payload with the protocol's zod schema,
 * checks the sender, and dispatches through a handler table. Everything else is refused with a
 * logged reason (one log line per refusal; the caller's promise rejects with MessageRejected).
 *
 * Only `runtime.onMessage` is routed: the manifest declares no `externally_connectable` and the
 * background listens to no `onMessageExternal` / `onConnect*`, so web pages and other extensions
 * cannot reach it (test/unit/message-surface.test.ts holds both to that).
 */
import type { Browser } from 'wxt/browser';

type Sender = Browser.runtime.MessageSender;
import { requests, type MessageName, type RequestOf, type Responses } from './protocol';

export type Handlers = {
  [N in MessageName]: (payload: RequestOf<N>, sender: Sender) => Promise<Responses[N]>;
};

/**
 * A message refused: unknown type, bad payload, wrong sender, or (thrown by a handler before it
 * changes anything) a request that makes no sense for its sender, e.g. dismissing a breach the
 * sending site does not have. The router logs each one once.
 */
export class MessageRejected extends Error {
  override name = 'MessageRejected';
}

/** Who may send what: content messages from a top frame of a web page in a tab; ui messages from our own pages. */
function senderProblem(type: MessageName, sender: Sender, self: { id: string; origin: string }): string | null {
  if (sender.id !== self.id) return 'sender is not this extension';
  if (type.startsWith('content:')) {
    // tabs.TAB_ID_NONE (-1) marks a sender that is not in a tab.
    if (!sender.tab || typeof sender.tab.id !== 'number' || sender.tab.id < 0) return 'content message without a tab';
    if (sender.frameId !== 0) return 'content message from a subframe';
    if (typeof sender.url !== 'string' || !/^https?:\/\//.test(sender.url)) return 'content message from a non-web page';
    return null;
  }
  if (typeof sender.url !== 'string' || !sender.url.startsWith(self.origin)) return 'ui message from outside the extension';
  return null;
}

/** A short, printable name for whatever arrived as `type` (never calls into the value). */
function describeType(type: unknown): string {
  return typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : `(${type === null ? 'null' : typeof type})`;
}

/**
 * A listener for `runtime.onMessage` (webextension-polyfill style: returns a promise). It never
 * throws: every refusal is a promise rejected with MessageRejected, logged once through `log`.
 * @param self.id this extension's id; self.origin its pages' origin, e.g. `chrome-extension://<id>/`.
 */
export function createRouter(handlers: Handlers, self: { id: string; origin: string }, log: (m: string) => void = console.warn) {
  const refuse = (why: string) => {
    log(`exposure-watch: dropped message: ${why}`);
    return new MessageRejected(why);
  };
  return (message: unknown, sender: Sender): Promise<unknown> => {
    if (typeof message !== 'object' || message === null || Array.isArray(message) || !Object.hasOwn(message, 'type')) {
      return Promise.reject(refuse('not a typed message'));
    }
    const { type, ...payload } = message as { type: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(requests, type)) return Promise.reject(refuse(`unknown type ${describeType(type)}`));
    const name = type as MessageName;
    const problem = senderProblem(name, sender, self);
    if (problem) return Promise.reject(refuse(`${name}: ${problem}`));
    const parsed = requests[name].safeParse(payload);
    if (!parsed.success) return Promise.reject(refuse(`${name}: bad payload at ${parsed.error.issues[0]?.path.map(String).join('.') || '(root)'}`));
    const handler = handlers[name] as (p: unknown, s: Sender) => Promise<unknown>;
    // A handler's refusal is logged like the router's own; any other error passes through as is.
    return Promise.resolve()
      .then(() => handler(parsed.data, sender))
      .catch((error: unknown) => {
        throw error instanceof MessageRejected ? refuse(`${name}: ${error.message}`) : error;
      });
  };
}
