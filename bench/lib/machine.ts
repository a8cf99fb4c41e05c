/**
 * What a benchmark ran on, written into every result: CPU, cores, RAM, OS, Node, Chromium, the
 * versions of the packages on the measured paths, the commit, and the load average when the
 * benchmark started and ended (a shared machine's load explains noisy numbers).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Taken when the benchmark process loads this module, i.e. before it measures anything. */
const START = { date: new Date().toISOString(), load: os.loadavg()[0] };

/** Packages whose code the benchmarks measure or drive. */
const PACKAGES = ['tldts', 'idb', 'zod', 'preact', 'dompurify', 'fake-indexeddb', 'wxt', 'vite', 'puppeteer-core', 'tinybench', 'esbuild'];

export interface MachineInfo {
  cpu: string;
  /** Logical CPUs the OS reports (the process may share them with others). */
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  v8: string;
  /** `chromium --version`, or null when no Chromium was found. */
  chromium: string | null;
  packages: Record<string, string | null>;
  commit: string | null;
  /** True when the worktree had uncommitted changes. */
  dirty: boolean | null;
  /** 1-minute load average when the benchmark started. */
  loadAverage1m: number;
  /** 1-minute load average when it ended. */
  loadAverage1mEnd: number;
  /** When the benchmark started (ISO 8601). */
  date: string;
  finished: string;
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty} (${os.type()} ${os.release()} ${os.arch()})`;
  } catch {
    // Not Linux.
  }
  return `${os.type()} ${os.release()} ${os.arch()}`;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function packageVersion(name: string): string | null {
  const file = join(ROOT, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : null;
}

/** The Chromium the browser benchmarks drive (same lookup as test/support/browser.ts). */
export function chromiumVersion(executable: string | null): string | null {
  if (!executable) return null;
  try {
    // Debian's wrapper script prints a shell warning on stderr; the version is on stdout.
    return execFileSync(executable, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Describe this machine; `chromium` is the executable path, when the benchmark uses one. */
export function machineInfo(chromium: string | null = null): MachineInfo {
  const cpus = os.cpus();
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: osName(),
    node: process.version,
    v8: process.versions.v8,
    chromium: chromiumVersion(chromium),
    packages: Object.fromEntries(PACKAGES.map((p) => [p, packageVersion(p)])),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: status === null ? null : status !== '',
    loadAverage1m: Math.round(START.load * 100) / 100,
    loadAverage1mEnd: Math.round(os.loadavg()[0] * 100) / 100,
    date: START.date,
    finished: new Date().toISOString(),
  };
}

/** One line for the top of a printed table. */
export function machineLine(m: MachineInfo): string {
  return `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB, ${m.os}, Node ${m.node}${m.chromium ? `, ${m.chromium}` : ''}, commit ${m.commit ?? '?'}${m.dirty ? '+dirty' : ''}, load ${m.loadAverage1m} -> ${m.loadAverage1mEnd ?? '?'}`;
}
