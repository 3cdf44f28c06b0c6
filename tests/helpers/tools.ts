import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Checking outputs with programs nobody here wrote: poppler-utils, LibreOffice, Chromium, qpdf.

export function run(cmd: string, args: string[], timeout = 180_000): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new Error(`Нет программы ${cmd}: установите её (см. docs/DOCUMENTS.md, «Checking»)`, { cause: e });
    throw new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${err.stderr ?? ''}`, { cause: e });
  }
}

export function pdfPages(file: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]));
  if (!m) throw new Error(`pdfinfo: нет числа страниц у ${file}`);
  return Number(m[1]);
}

export function pdfText(file: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return run('pdftotext', ['-layout', ...range, file, '-']);
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Words of one page with their boxes in points from the top left corner. */
export function pdfWords(file: string, page: number): Word[] {
  const html = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-']);
  const out: Word[] = [];
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = re.exec(html); m; m = re.exec(html))
    out.push({
      xMin: +m[1],
      yMin: +m[2],
      xMax: +m[3],
      yMax: +m[4],
      text: m[5]
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"'),
    });
  return out;
}

/** Converts a DOCX or XLSX to PDF with LibreOffice headless (its own profile, so runs do not collide). */
export function libreOfficeToPdf(file: string, outDir: string): string {
  const profile = path.join(outDir, 'lo-profile');
  fs.mkdirSync(profile, { recursive: true });
  run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], 240_000);
  const pdf = path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice не создал ${pdf}`);
  return pdf;
}

/** Prints an HTML file to PDF with headless Chromium, as the application's print does. */
export function chromiumToPdf(file: string, pdf: string): string {
  const bin = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => {
    try {
      execFileSync('which', [b], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!bin) throw new Error('Нет Chromium: установите пакет chromium');
  run(bin, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${file}`], 240_000);
  return pdf;
}

/** The fonts of a PDF as pdffonts lists them: name without the subset tag, and whether the file embeds it. */
export function pdfFonts(pdf: string): { name: string; embedded: boolean }[] {
  return run('pdffonts', [pdf])
    .trim()
    .split('\n')
    .slice(2)
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      return { name: cols[0].replace(/^[A-Z]{6}\+/, ''), embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** Whether the PDF says it is PDF/A-2b in its XMP metadata (what kernel/pdf.ts writes for every PDF). */
export function isPdfA2b(pdf: string): boolean {
  const meta = run('pdfinfo', ['-meta', pdf]);
  return /<pdfaid:part>2<\/pdfaid:part>/.test(meta) && /<pdfaid:conformance>B<\/pdfaid:conformance>/.test(meta);
}
