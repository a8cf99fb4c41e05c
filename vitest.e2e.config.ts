import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// End-to-end: the built extension in real Chromium. One browser at a time (2-core machines).
export default defineConfig({
  resolve: { alias: { '@/': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
