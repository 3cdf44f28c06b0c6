import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * This process's peak resident memory in MB (worker threads included: they share its memory). On Linux from VmHWM in
 * /proc/self/status. Not from `process.resourceUsage().maxRSS`: Linux carries a forked child's pre-exec high-water mark
 * into it, so a child spawned by a parent holding 300 MB reports at least 300 MB, whatever it uses itself.
 */
export function peakRssMB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // not Linux: fall through
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * Runs `file` again in a child process with `args` (a bench's own sub-command) and returns the JSON it printed last:
 * each measured step gets a fresh process, so its peak memory is its own.
 */
export function runChild(file: string, args: string[]): Record<string, number> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`${args[0]} failed`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
}
