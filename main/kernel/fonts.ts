import fs from 'node:fs';

// The only fonts the program prints with: DejaVu from the npm package `dejavu-fonts-ttf`, full Cyrillic. Every PDF
// (journals and ledgers, timetables, the backup recovery sheet) embeds them through pdf.ts; the documents' layout
// measures with the same files and their other renderers embed (DOCX, HTML) or name (XLSX) them.

export type FaceId = 'sans' | 'sansBold' | 'cond' | 'condBold' | 'mono';
/** The faces printed documents are laid out with; the mono face is for keys and commands on the recovery sheet. */
export type DocumentFace = Exclude<FaceId, 'mono'>;
export const DOCUMENT_FACES: readonly DocumentFace[] = ['sans', 'sansBold', 'cond', 'condBold'];

export interface Face {
  id: FaceId;
  /** The family name as Word, Excel, LibreOffice and CSS know it. */
  family: 'DejaVu Sans' | 'DejaVu Sans Condensed' | 'DejaVu Sans Mono';
  bold: boolean;
  file: string;
}

const FILES: Record<FaceId, [Face['family'], boolean, string]> = {
  sans: ['DejaVu Sans', false, 'DejaVuSans.ttf'],
  sansBold: ['DejaVu Sans', true, 'DejaVuSans-Bold.ttf'],
  cond: ['DejaVu Sans Condensed', false, 'DejaVuSansCondensed.ttf'],
  condBold: ['DejaVu Sans Condensed', true, 'DejaVuSansCondensed-Bold.ttf'],
  mono: ['DejaVu Sans Mono', false, 'DejaVuSansMono.ttf'],
};

let faces: Record<FaceId, Face> | null = null;

export function fontFaces(): Record<FaceId, Face> {
  if (faces) return faces;
  const dir = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/');
  const out = {} as Record<FaceId, Face>;
  for (const [id, [family, bold, name]] of Object.entries(FILES) as [FaceId, (typeof FILES)[FaceId]][]) {
    const file = dir + name;
    if (!fs.existsSync(file)) throw new Error(`Нет файла шрифта ${file}: переустановите пакет dejavu-fonts-ttf`);
    out[id] = { id, family, bold, file };
  }
  faces = out;
  return out;
}

const bytes = new Map<FaceId, Buffer>();
export function fontBytes(id: FaceId): Buffer {
  let b = bytes.get(id);
  if (!b) bytes.set(id, (b = fs.readFileSync(fontFaces()[id].file)));
  return b;
}
