import fs from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { SCHEMA_FILE, yearExportSchema } from '../../main/exchange/json-schema';
import { YEAR_TABLES } from '../../main/exchange/tables/index';

// Rewrites the JSON Schema of the year's export from the ExportTables (after a column was added or changed; a changed
// meaning of a column needs a new version: SCHEMA_VERSION in main/exchange/writers.ts).
const file = path.resolve(__dirname, '..', '..', SCHEMA_FILE);
// Written as prettier would, so `prettier --check .` (CI) passes right after a regeneration.
void (async () => {
  const text = JSON.stringify(yearExportSchema(YEAR_TABLES), null, 2);
  fs.writeFileSync(file, await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file }));
  console.log(file);
})();
