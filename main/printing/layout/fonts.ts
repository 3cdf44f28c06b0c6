import fs from 'node:fs';

// The only fonts documents use: DejaVu from the npm package `dejavu-fonts-ttf`, full Cyrillic. The layout measures
// with these files and every renderer embeds (PDF, DOCX, HTML) or names (XLSX) the same ones.

export type FaceId = 'sans' | 'sansBold' | 'cond' | 'condBold';

export interface Face {
  id: FaceId;
  /** The family name as Word, Excel, LibreOffice and CSS know it. */
  family: 'DejaVu Sans' | 'DejaVu Sans Condensed';
  bold: boolean;
  file: string;
}

const FILES: Record<FaceId, [Face['family'], boolean, string]> = {
  sans: ['DejaVu Sans', false, 'DejaVuSans.ttf'],
  sansBold: ['DejaVu Sans', true, 'DejaVuSans-Bold.ttf'],
  cond: ['DejaVu Sans Condensed', false, 'DejaVuSansCondensed.ttf'],
  condBold: ['DejaVu Sans Condensed', true, 'DejaVuSansCondensed-Bold.ttf'],
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
