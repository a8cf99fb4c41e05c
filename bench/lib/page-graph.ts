/**
 * The files an extension page loads before it runs, from the built HTML and JS (for the size
 * budgets in bench/sizes.ts).
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * Files a page loads before it can run: the HTML, its `<script src>`, `<link rel=modulepreload>`
 * and `<link rel=stylesheet>`, and, following each JS file, its static `import`/`export ... from`
 * specifiers. Dynamic `import()` targets are returned apart (`lazy`): they load only when called.
 * Paths relative to the build root.
 */
export function pageGraph(dir: string, html: string): { files: string[]; lazy: string[] } {
  const files = new Set<string>([html]);
  const lazy = new Set<string>();
  const queue: string[] = [];
  const add = (from: string, ref: string) => {
    if (/^[a-z]+:/i.test(ref)) return;
    const path = ref.startsWith('/') ? ref.slice(1) : posix.normalize(posix.join(posix.dirname(from), ref));
    if (!files.has(path)) {
      files.add(path);
      if (path.endsWith('.js')) queue.push(path);
    }
  };
  const text = readFileSync(join(dir, html), 'utf8');
  for (const m of text.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) add(html, m[1]!);
  for (const m of text.matchAll(/<link\b[^>]*>/g)) {
    const rel = /\brel="([^"]+)"/.exec(m[0])?.[1];
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (href && (rel === 'modulepreload' || rel === 'stylesheet')) add(html, href);
  }
  while (queue.length) {
    const js = queue.shift()!;
    const code = readFileSync(join(dir, js), 'utf8');
    // Minified ES modules: `import{a as b}from"./x.js"`, `import"./x.js"`, `export{...}from"./x.js"`.
    for (const m of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+|\/[^"'`]+)["'`]/g)) add(js, m[1]!);
    for (const m of code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)) {
      const p = posix.normalize(posix.join(posix.dirname(js), m[1]!));
      if (!files.has(p)) lazy.add(p);
    }
  }
  return { files: [...files].sort(), lazy: [...lazy].filter((p) => !files.has(p)).sort() };
}

