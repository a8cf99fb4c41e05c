/**
 * The popup size budget (bench/sizes.ts, run by `npm test`) counts a page's whole load graph; if
 * the walk missed a statically imported chunk, a heavy library could slip past the budget.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageGraph } from '../../bench/lib/page-graph';

describe('pageGraph', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'page-graph-'));
    mkdirSync(join(dir, 'chunks'));
    mkdirSync(join(dir, 'assets'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (path: string, text: string) => writeFileSync(join(dir, path), text);

  it('follows script src, modulepreload, stylesheets and static imports in minified chunks, not dynamic imports', () => {
    write(
      'popup.html',
      '<html><head><script type="module" crossorigin src="/chunks/popup-A.js"></script>' +
        '<link rel="modulepreload" crossorigin href="/chunks/client-B.js"><link rel="stylesheet" crossorigin href="/assets/popup-C.css">' +
        '<link rel="icon" href="/icon/16.png"></head></html>',
    );
    // Only reachable through imports inside chunks: the preload list does not name them.
    write('chunks/popup-A.js', 'import{a as e}from"./client-B.js";import"./side-D.js";const l=()=>import("./lazy-E.js");e(l);');
    write('chunks/client-B.js', 'export{x as a}from"./deep-F.js";');
    write('chunks/side-D.js', 'console.log(1)');
    write('chunks/deep-F.js', 'export const x=1;');
    write('chunks/lazy-E.js', 'import"./lazy-only-G.js";');
    write('chunks/lazy-only-G.js', '');
    write('assets/popup-C.css', 'p{}');

    expect(pageGraph(dir, 'popup.html')).toEqual({
      files: ['assets/popup-C.css', 'chunks/client-B.js', 'chunks/deep-F.js', 'chunks/popup-A.js', 'chunks/side-D.js', 'popup.html'],
      lazy: ['chunks/lazy-E.js'],
    });
  });

  it('does not count a dynamically imported chunk that is also imported statically as lazy', () => {
    write('p.html', '<script type="module" src="/chunks/a.js"></script>');
    write('chunks/a.js', 'import"./b.js";import("./b.js");');
    write('chunks/b.js', '');
    expect(pageGraph(dir, 'p.html')).toEqual({ files: ['chunks/a.js', 'chunks/b.js', 'p.html'], lazy: [] });
  });
});
