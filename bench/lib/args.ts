/** Command-line options every benchmark accepts. */
import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** Fewer iterations, for trying a change; the numbers are then rough. */
  quick: boolean;
  /** Skip the parts that need Chromium. */
  noBrowser: boolean;
  /** Do not write bench/results/<name>.json. */
  noWrite: boolean;
}

/** Parse `--quick`, `--no-browser`, `--no-write` (unknown options are left to the caller); BENCH_QUICK=1 also means quick. */
export function benchArgs(): BenchArgs {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
      'no-browser': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
    strict: false,
  });
  return { quick: values.quick === true, noBrowser: values['no-browser'] === true, noWrite: values['no-write'] === true };
}
