/**
 * Retained heap of a structure in this Node process: `gc()` (exposed at run time, no command-line
 * flag needed), heapUsed before and after building it while it is still referenced.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Full collection, twice (weak references and finalisers need a second pass). */
export function collect(): void {
  gc();
  gc();
}

/**
 * Build a structure with `make` and return it with the heap it retains (bytes, after full GCs)
 * and the time `make` took (ms).
 */
export async function retained<T>(make: () => T | Promise<T>): Promise<{ value: T; bytes: number; ms: number }> {
  collect();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const value = await make();
  const ms = performance.now() - t;
  collect();
  const bytes = process.memoryUsage().heapUsed - before;
  return { value, bytes, ms };
}
