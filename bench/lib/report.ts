/**
 * Printing a benchmark's table and writing its JSON result to bench/results/<name>.json, with
 * the machine description, the command that produced it, and the benchmark's own notes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineLine, ROOT, type MachineInfo } from './machine';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

function cellText(v: Cell): string {
  if (v === null) return '-';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return String(v);
}

/** Every key of every row, in first-seen order. */
export const columnsOf = (rows: readonly Row[]): string[] => [...new Set(rows.flatMap((r) => Object.keys(r)))];

/** A fixed-width text table; numbers right-aligned. */
export function formatTable(rows: readonly Row[], columns: readonly string[] = columnsOf(rows)): string {
  const texts = rows.map((r) => columns.map((c) => cellText(r[c] ?? null)));
  const widths = columns.map((c, i) => Math.max(c.length, ...texts.map((t) => t[i]!.length)));
  const numeric = columns.map((c) => rows.every((r) => typeof r[c] === 'number' || r[c] === null || r[c] === undefined));
  const line = (cells: string[]) => cells.map((t, i) => (numeric[i] ? t.padStart(widths[i]!) : t.padEnd(widths[i]!))).join('  ');
  return [line([...columns]), widths.map((w) => '-'.repeat(w)).join('  '), ...texts.map(line)].join('\n');
}

/** The same table in Markdown (for RESULTS.md). */
export function markdownTable(rows: readonly Row[], columns: readonly string[] = columnsOf(rows)): string {
  const numeric = columns.map((c) => rows.every((r) => typeof r[c] === 'number' || r[c] === null || r[c] === undefined));
  return [
    `| ${columns.join(' | ')} |`,
    `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${columns.map((c) => cellText(r[c] ?? null).replace(/\|/g, '\\|')).join(' | ')} |`),
  ].join('\n');
}

export interface BenchTable {
  title: string;
  rows: Row[];
  columns?: string[];
}

export interface BenchResult {
  name: string;
  /** The npm command that produced this result. */
  command: string;
  machine: MachineInfo;
  /** Parameters (iteration counts, sizes, seeds). */
  params: Record<string, unknown>;
  tables: BenchTable[];
  /** Goal checks and conclusions, one sentence each. */
  notes: string[];
}

/** Print every table of `result` with the machine line and notes, and write bench/results/<name>.json. */
export function report(result: BenchResult, opts: { write?: boolean } = {}): void {
  console.log(`\n## ${result.name}  (${result.command})`);
  console.log(machineLine(result.machine));
  for (const t of result.tables) {
    console.log(`\n${t.title}`);
    console.log(formatTable(t.rows, t.columns));
  }
  if (result.notes.length) console.log(`\n${result.notes.map((n) => `- ${n}`).join('\n')}`);
  if (opts.write === false) return;
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${file.slice(ROOT.length + 1)}`);
}
