import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `npm run bench [name …]`: runs each capability's benchmark, prints its figures, and rewrites
// docs/BENCHMARKS.md with the latest results. Benchmarks print; tests never check time.

const BENCHES: Record<string, string> = {
  foundation: './foundation',
  timetable: './timetable',
  documents: './documents',
  'print-school': './print-school',
  backup: './backup',
  journal: './journal',
  parents: './parents',
  lookup: './lookup',
  archive: './archive',
  results: './results',
  'control-weekly': './control-weekly',
  import: './import',
  postgres: './postgres',
  'postgres-migrate': './postgres-migrate',
};

async function main() {
  const only = process.argv.slice(2);
  const names = Object.keys(BENCHES).filter((n) => only.length === 0 || only.includes(n));
  const results: [string, Record<string, unknown>, string][] = [];
  const load = () => os.loadavg()[0].toFixed(1);
  for (const name of names) {
    console.log(`\n== ${name} ==`);
    // ABOUT: what the benchmark measures, as whom, and what each figure is (kept above its table).
    const mod = (await import(BENCHES[name])) as { run(): Promise<Record<string, unknown>>; ABOUT?: string };
    const before = load();
    const r = await mod.run();
    // Other programs on the machine slow every figure: the 1-minute load average says how busy it was.
    const note = `${mod.ABOUT ? `${mod.ABOUT}\n\n` : ''}Machine load (1-minute load average on ${os.cpus().length} cores) at the start and the end: ${before} → ${load()}.`;
    for (const [k, v] of Object.entries(r)) console.log(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
    // A bench that could not run here (no PostgreSQL) says why and keeps its last figures in the document.
    if (typeof r.skipped === 'string') continue;
    results.push([name, r, note]);
  }
  const doc = path.resolve(__dirname, '..', 'docs', 'BENCHMARKS.md');
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const previous = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '';
  const sections = new Map<string, string>();
  for (const m of previous.matchAll(/^## (\S+)\n([\s\S]*?)(?=^## |\s*$(?![\s\S]))/gm)) sections.set(m[1], m[2].trim());
  const today = new Date().toISOString().slice(0, 10);
  for (const [name, r, note] of results)
    sections.set(
      name,
      `Measured ${today} on ${machine}.\n\n${note}\n\n| figure | value |\n|---|---|\n${Object.entries(r)
        .map(([k, v]) => `| ${k} | ${typeof v === 'object' ? JSON.stringify(v) : v} |`)
        .join('\n')}`,
    );
  const body = [...sections.entries()].map(([n, s]) => `## ${n}\n\n${s}\n`).join('\n');
  fs.writeFileSync(
    doc,
    `# Benchmarks\n\nLatest figures of \`npm run bench\` (rewritten by it; each section keeps its last run). Each figure comes with a reference measured in the same run.\n\n${body}`,
  );
  console.log(`\nwritten ${path.relative(process.cwd(), doc)}`);
}

void main();
