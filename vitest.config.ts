import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: fakeBrowser for the extension APIs, fake-indexeddb for idb (see test/setup.ts).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    // `npm run test:coverage:feed`: every branch of the feed validator and the ingest path must be
    // reached (the hostile-feed properties in test/unit/feed-fuzz.test.ts and the sync tests).
    coverage: {
      provider: 'v8',
      include: ['utils/feed/schema.ts', 'utils/feed/signature.ts', 'utils/feed/sync.ts', 'utils/feed/plain-text.ts', 'utils/feed/bundled.ts', 'utils/db/feed-store.ts', 'utils/background/sync-service.ts'],
      reporter: ['text'],
      thresholds: { perFile: true, branches: 100, functions: 100, lines: 100, statements: 100 },
    },
  },
});
