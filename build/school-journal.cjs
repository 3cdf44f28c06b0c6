#!/usr/bin/env node
'use strict';
// The CLI entry: the bundled core in dist/ (built by `npm install` through the prepare script).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  console.error('Программа не собрана: выполните «npm install» или «npm run build» в папке проекта.');
  process.exit(1);
}
require(bundle)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
