/**
 * `npm run bench`: build what the benchmarks measure, then run them all, sizes first (its budget
 * check is the one CI runs), each in its own process, and write bench/results/summary.md.
 *
 *   npm run bench                       builds, then every benchmark (about 20 minutes)
 *   npm run bench -- --quick            fewer iterations (rough numbers, for trying a change)
 *   npm run bench -- --no-build         reuse .output/ as it is
 *   npm run bench -- --no-browser       Node benchmarks only (sizes, matching, ingest)
 *
 * On a machine shared with other browser jobs: `flock /tmp/browser.lock npm run bench`.
 * A failing benchmark does not stop the others; the exit code is non-zero if any failed.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ROOT } from './lib/machine';
import { writeSummary } from './summary';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, 'no-build': { type: 'boolean', default: false }, 'no-browser': { type: 'boolean', default: false } },
});
const forward = [...(values.quick ? ['--quick'] : []), ...(values['no-browser'] ? ['--no-browser'] : [])];

function run(label: string, command: string, args: string[]): { label: string; ok: boolean; seconds: number } {
  const t = performance.now();
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  return { label, ok: r.status === 0, seconds: Math.round((performance.now() - t) / 100) / 10 };
}

const steps: { label: string; ok: boolean; seconds: number }[] = [];
if (!values['no-build']) {
  // The test build (page-load, popup, startup's reference row), then `zip`, which rebuilds both
  // production builds and writes the store zips the size benchmark reads.
  steps.push(run('build:test', 'npm', ['run', 'build:test']));
  steps.push(run('zip', 'npm', ['run', 'zip']));
}
steps.push(run('sizes', 'npx', ['tsx', 'bench/sizes.ts']));
for (const name of ['matching', 'ingest']) steps.push(run(name, 'npx', ['tsx', `bench/${name}.ts`, ...forward]));
if (!values['no-browser']) for (const name of ['startup', 'page-load', 'popup']) steps.push(run(name, 'npx', ['tsx', `bench/${name}.ts`, ...forward]));

console.log(`\nwrote ${writeSummary()}`);
console.log('\n=== summary');
for (const s of steps) console.log(`${s.ok ? 'ok    ' : 'FAILED'} ${s.label.padEnd(12)} ${s.seconds} s`);
process.exit(steps.every((s) => s.ok) ? 0 : 1);
