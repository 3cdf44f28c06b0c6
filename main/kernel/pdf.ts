import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { fontFaces, type FaceId } from './fonts';

// Every PDF the program writes goes through here: PDF/A-2b (pdfkit adds the XMP metadata with pdfaid:part 2 /
// conformance B and the sRGB output intent), PDF 1.7, Russian as the document language, every font embedded (subset)
// from the DejaVu files of fonts.ts (selected with `face(pdf, 'condBold')`), and the same Creator/Producer. The writer
// adds its own pages (`pdf.addPage({ size, layout, margin(s) })`) and draws them.

export interface PdfInfo {
  title: string;
  author: string;
  subject?: string;
}

export type Pdf = PDFKit.PDFDocument;

function newPdf(info: PdfInfo): Pdf {
  const faces = fontFaces();
  const pdf = new PDFDocument({
    autoFirstPage: false,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'ru-RU',
    displayTitle: true,
    // the initial font must be an embedded one: PDF/A forbids the standard 14 fonts pdfkit starts with
    font: faces.cond.file,
    info: {
      Title: info.title,
      Author: info.author,
      ...(info.subject ? { Subject: info.subject } : {}),
      Creator: 'Школьный журнал',
      Producer: 'Школьный журнал (pdfkit)',
    },
  });
  return pdf;
}

/**
 * Selects a face. By file path, the key pdfkit caches a font under: a name given with registerFont to the initial
 * font's file would make pdfkit re-read that file on every call.
 */
export function face(pdf: Pdf, id: FaceId): Pdf {
  return pdf.font(fontFaces()[id].file);
}

/** Draws a PDF (synchronously, in `draw`) straight into `file`, without holding it in memory. */
export function writePdfFile(info: PdfInfo, file: string, draw: (pdf: Pdf) => void): Promise<void> {
  const pdf = newPdf(info);
  const stream = fs.createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    pdf.on('error', reject);
  });
  pdf.pipe(stream);
  try {
    draw(pdf);
  } finally {
    pdf.end();
  }
  return done;
}

/** Draws a small PDF (synchronously, in `draw`) into memory. */
export function pdfBuffer(info: PdfInfo, draw: (pdf: Pdf) => void): Promise<Buffer> {
  const pdf = newPdf(info);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  draw(pdf);
  pdf.end();
  return done;
}
