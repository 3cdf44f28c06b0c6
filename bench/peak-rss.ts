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
