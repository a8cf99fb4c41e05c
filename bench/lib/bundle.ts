/**
 * Bundle a benchmark's browser-side entry with Vite (a declared dependency; the same bundler
 * the extension build uses), `@/` resolved as in the extension, into one ES module string.
 */
import { build, type Rolldown } from 'vite';
import preact from '@preact/preset-vite';
import { ROOT } from './machine';

/** @returns the bundled code of `entry` (absolute path), minified (the entries import nothing dynamically). */
export async function bundle(entry: string, opts: { jsx?: boolean } = {}): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    plugins: opts.jsx ? [preact()] : [],
    resolve: { alias: { '@': ROOT } },
    build: {
      write: false,
      minify: true,
      target: 'chrome137',
      lib: { entry, formats: ['es'], fileName: 'bundle' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`bundling ${entry} produced no chunk`);
  return chunk.code;
}
