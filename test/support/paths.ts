import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
/** The test build (`npm run build:test`): production code, alertable sites as required host permissions. */
export const E2E_BUILD = join(ROOT, '.output', 'chrome-mv3-e2e');
