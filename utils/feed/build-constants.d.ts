// Constants wxt.config.ts injects at build time (vite `define`). Code reads them through
// `typeof X === 'undefined'` guards so unit tests, which run without the define, still work.

/** The feed URL this build syncs from (FEED_URL at build time). */
declare const __FEED_URL__: string;
/** Extra accepted feed keys: the test key in the e2e build, empty otherwise. */
declare const __FEED_EXTRA_KEYS__: readonly { id: string; publicKey: string }[];
