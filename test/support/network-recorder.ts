/**
 * Every network request of every target (service workers, extension pages, web pages, their
 * frames and workers), recorded with the DevTools protocol from the target's very start: a
 * browser-level auto-attach (tabs, workers; pages through their tabs) that holds each new target
 * until the Network domain is on.
 * Start it before the extension is installed (launchWithExtension's `beforeInstall`) to see
 * the service worker's first request too.
 */
import type { Browser, CDPSession } from 'puppeteer-core';

export interface RecordedRequest {
  /** Type of the target that made it: service_worker, page, iframe, worker, ... */
  targetType: string;
  /** URL of the target when it was attached (a page's is often about:blank then). */
  targetUrl: string;
  /** URL of the document (or worker script) the request belongs to. */
  documentUrl: string;
  url: string;
  method: string;
  /** Headers as the renderer set them, then as sent on the wire where the protocol reports them. */
  headers: Record<string, string>;
  postData: string | null;
  /** Resource type: Document, Fetch, Script, Image, ... */
  type: string;
  /** Script URLs on the initiator's stack (a content script's request names its chrome-extension:// file). */
  initiatorUrls: string[];
}

interface StackTrace {
  callFrames: { url: string }[];
  parent?: StackTrace;
}

interface RequestEvent {
  requestId: string;
  documentURL: string;
  type?: string;
  request: { url: string; method: string; headers: Record<string, string>; postData?: string; hasPostData?: boolean };
  initiator: { type: string; url?: string; stack?: StackTrace };
}

interface AttachedEvent {
  sessionId: string;
  targetInfo: { type: string; url: string; targetId: string };
  waitingForDebugger: boolean;
}

export interface NetworkRecorder {
  requests: RecordedRequest[];
  /** Types and URLs of every target attached, in order. */
  targets: { type: string; url: string }[];
  stop(): Promise<void>;
}

function stackUrls(stack: StackTrace | undefined): string[] {
  const urls: string[] = [];
  for (let s = stack; s; s = s.parent) for (const f of s.callFrames) if (f.url) urls.push(f.url);
  return urls;
}

/** Start recording in `browser`; call before the targets of interest exist. */
export async function recordNetwork(browser: Browser): Promise<NetworkRecorder> {
  const root = await browser.target().createCDPSession();
  const connection = root.connection()!;
  const requests: RecordedRequest[] = [];
  const targets: { type: string; url: string }[] = [];
  const sessions: CDPSession[] = [];
  const autoAttach = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };

  const attached = new Set<string>();
  const attach = async (event: AttachedEvent) => {
    const session = connection.session(event.sessionId);
    if (!session) return;
    // A target can be reached twice (an extension page's auto-attach reaches its service
    // worker too): one recording session per target.
    if (attached.has(event.targetInfo.targetId)) {
      if (event.waitingForDebugger) await session.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
      await session.detach().catch(() => undefined);
      return;
    }
    attached.add(event.targetInfo.targetId);
    sessions.push(session);
    const { type, url } = event.targetInfo;
    targets.push({ type, url });
    const byId = new Map<string, RecordedRequest>();
    session.on('Network.requestWillBeSent', (e: RequestEvent) => {
      const recorded: RecordedRequest = {
        targetType: type,
        targetUrl: url,
        documentUrl: e.documentURL,
        url: e.request.url,
        method: e.request.method,
        headers: { ...e.request.headers },
        postData: e.request.postData ?? (e.request.hasPostData ? '(body not reported)' : null),
        type: e.type ?? '',
        initiatorUrls: [...(e.initiator.url ? [e.initiator.url] : []), ...stackUrls(e.initiator.stack)],
      };
      byId.set(e.requestId, recorded);
      requests.push(recorded);
    });
    session.on('Network.requestWillBeSentExtraInfo', (e: { requestId: string; headers: Record<string, string> }) => {
      const recorded = byId.get(e.requestId);
      if (recorded) Object.assign(recorded.headers, e.headers);
    });
    session.on('Target.attachedToTarget', (e: AttachedEvent) => void attach(e));
    // A worker acknowledges these only once it runs: send them, resume it, then wait for them.
    const setUp = Promise.allSettled([session.send('Network.enable'), session.send('Target.setAutoAttach', autoAttach)]);
    if (event.waitingForDebugger) await session.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
    await setUp;
  };

  root.on('Target.attachedToTarget', (e: AttachedEvent) => void attach(e));
  await root.send('Target.setAutoAttach', { ...autoAttach, filter: [{ type: 'browser', exclude: true }, { type: 'page', exclude: true }, {}] });
  return {
    requests,
    targets,
    async stop() {
      await root.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: true }).catch(() => undefined);
      await Promise.allSettled([root, ...sessions].map((s) => s.detach()));
    },
  };
}
