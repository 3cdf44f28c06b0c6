import fs from 'node:fs';
import { face, pdfBuffer, type Pdf } from '../kernel/pdf';

// The printable recovery sheet: what the key file holds, on paper, with the restore command beside it,
// so that the school can restore a backup in 25 years with stock tools and without this program. Written as every
// PDF of the program is (kernel/pdf.ts: PDF/A-2b, DejaVu fonts embedded).

export interface SheetInput {
  school: string;
  recipient: string;
  /** What to print as the key: the bare secret key, or the armored passphrase-protected key file. */
  keyText: string;
  protectedByPassphrase: boolean;
  createdAt: Date;
}

/** Splits the 74-character secret key into groups of 4 so it can be read aloud and typed back. */
function grouped(s: string): string {
  return s.match(/.{1,4}/g)!.join(' ');
}

export function recoverySheetPdf(input: SheetInput): Promise<Buffer> {
  return pdfBuffer({ title: 'Ключ восстановления резервных копий', author: 'Школьный журнал', subject: input.school }, (doc) =>
    drawSheet(doc, input),
  );
}

function drawSheet(doc: Pdf, input: SheetInput): void {
  doc.addPage({ size: 'A4', margins: { top: 56, bottom: 56, left: 56, right: 56 } });
  const width = doc.page.width - 112;

  face(doc, 'sansBold').fontSize(16).text('Ключ восстановления резервных копий', { width });
  doc.moveDown(0.3);
  face(doc, 'sans')
    .fontSize(11)
    .text(`${input.school || 'Школьный журнал'} · создан ${input.createdAt.toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' })} (МСК)`, {
      width,
    });
  doc.moveDown();
  face(doc, 'sansBold')
    .fontSize(11)
    .text('Храните этот лист в сейфе, отдельно от компьютера и от носителей с резервными копиями.', { width });
  face(doc, 'sans').text(
    'Без этого ключа резервные копии не может прочитать никто, в том числе школа. Кто получил этот лист, может прочитать все резервные копии.',
    { width },
  );
  doc.moveDown();

  if (!input.protectedByPassphrase) {
    face(doc, 'sansBold').fontSize(12).text('Секретный ключ:', { width });
    doc.moveDown(0.3);
    face(doc, 'mono').fontSize(15).text(grouped(input.keyText), { width, lineGap: 4 });
    doc.moveDown(0.3);
    face(doc, 'sans')
      .fontSize(9)
      .text(
        'Пробелы между группами при вводе не нужны. Буквы только латинские; букв B, I, O и цифры 1 в ключе нет (кроме «-1» в начале).',
        { width },
      );
  } else {
    face(doc, 'sansBold')
      .fontSize(12)
      .text('Файл ключа, защищённый парольной фразой (перепечатайте в текстовый файл key.age.txt как есть):', { width });
    doc.moveDown(0.3);
    face(doc, 'mono').fontSize(8.5).text(input.keyText, { width });
    doc.moveDown(0.3);
    face(doc, 'sans').fontSize(9).text('Парольная фраза на этом листе не печатается: её хранят отдельно.', { width });
  }
  doc.moveDown();
  face(doc, 'sansBold').fontSize(11).text('Открытый ключ (хранится и на компьютере, для сверки):', { width });
  face(doc, 'mono').fontSize(10).text(input.recipient, { width });
  doc.moveDown();

  face(doc, 'sansBold').fontSize(11).text('Как восстановить базу без программы «Школьный журнал»', { width });
  face(doc, 'sans')
    .fontSize(10)
    .text(
      'Нужна свободная программа age (https://age-encryption.org, пакет «age» в Debian/Ubuntu, age.exe для Windows) и gzip/gunzip (или 7-Zip). ' +
        'Резервная копия — файл *.sqlite.gz.age; рядом лежит файл *.manifest.json с контрольной суммой SHA-256.',
      { width },
    );
  doc.moveDown(0.3);
  const keyFile = input.protectedByPassphrase ? 'key.age.txt' : 'key.txt';
  if (!input.protectedByPassphrase)
    doc.text('1. Создайте текстовый файл key.txt и впишите в него секретный ключ одной строкой без пробелов.', { width });
  else doc.text('1. Перепечатайте файл ключа в key.age.txt; age спросит парольную фразу.', { width });
  doc.text('2. Выполните:', { width });
  face(doc, 'mono').fontSize(9.5).text(`age -d -i ${keyFile} ФАЙЛ.sqlite.gz.age | gunzip > journal.sqlite`, { width });
  face(doc, 'sans')
    .fontSize(10)
    .text('3. Проверьте базу (необязательно): sqlite3 journal.sqlite "PRAGMA integrity_check" — ответ «ok».', { width });
  doc.text(
    'Результат — обычная база SQLite 3: её открывает «Школьный журнал» (Восстановление), DB Browser for SQLite и любая программа для SQLite.',
    { width },
  );
}

/**
 * Writes the sheet to a new file readable by its owner only (0600, like the key file): whoever reads it can read every
 * backup. Refuses to overwrite an existing file.
 */
export function writeSheetFile(file: string, pdf: Buffer): void {
  fs.writeFileSync(file, pdf, { flag: 'wx', mode: 0o600 });
  // The mode above is only applied when the file is created and is narrowed by the umask; make sure of 0600 whatever the umask.
  fs.chmodSync(file, 0o600);
}
