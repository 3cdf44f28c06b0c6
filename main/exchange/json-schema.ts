import type { ExportColumn, ExportTable } from './table';
import { SCHEMA_VERSION } from './writers';

// The JSON Schema (draft 2020-12) of a year's export, made from the same ExportTables the writers use. The file kept
// in the repository, docs/schema/year-export.v1.schema.json, is this function's output; tests/unit/exchange-export.test.ts
// fails when they differ (`node --import tsx tests/tools/year-export-schema.ts` rewrites it).

export const SCHEMA_FILE = `docs/schema/year-export.v${SCHEMA_VERSION}.schema.json`;

function columnSchema(c: ExportColumn): Record<string, unknown> {
  const base =
    c.type === 'number'
      ? { type: ['number', 'null'] }
      : c.type === 'date'
        ? { type: ['string', 'null'], format: 'date' }
        : { type: ['string', 'null'] };
  return { title: c.title, ...base, ...(c.personal ? { description: 'Персональные данные: только для ролей с правом на них' } : {}) };
}

function tableSchema(t: ExportTable): Record<string, unknown> {
  return {
    title: t.title,
    type: 'array',
    items: {
      type: 'object',
      properties: Object.fromEntries(t.columns.map((c) => [c.key, columnSchema(c)])),
      // Personal columns are left out for readers without the right to see them.
      required: t.columns.filter((c) => !c.personal).map((c) => c.key),
      additionalProperties: false,
    },
  };
}

export function yearExportSchema(tables: readonly ExportTable[]): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:school-journal:year-export:v${SCHEMA_VERSION}`,
    title: 'Школьный журнал: выгрузка учебного года',
    description:
      'Выгрузка одного учебного года (export year --format json, канал export.year). Даты — ISO 8601 (ГГГГ-ММ-ДД). ' +
      'Столбцы с персональными данными присутствуют только в выгрузке для ролей с правом на персональные данные.',
    type: 'object',
    properties: {
      schemaVersion: { const: SCHEMA_VERSION },
      school: { type: 'string', title: 'Школа' },
      year: { type: 'string', title: 'Учебный год', pattern: '^[0-9]{4}/[0-9]{4}$' },
      exportedAt: { type: 'string', format: 'date-time', title: 'Когда выгружено' },
      tables: {
        type: 'object',
        properties: Object.fromEntries(tables.map((t) => [t.key, tableSchema(t)])),
        required: tables.map((t) => t.key),
        additionalProperties: false,
      },
    },
    required: ['schemaVersion', 'school', 'year', 'exportedAt', 'tables'],
    additionalProperties: false,
  };
}
