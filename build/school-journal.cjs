#!/usr/bin/env node
'use strict';
// The CLI entry: the bundled core in dist/ (built by `npm install` through the prepare script).
const path = require('node:path');
const fs = require('node:fs');
// `host` has a bundle of its own that loads only what serving needs.
const bundle = path.join(__dirname, '..', 'dist', process.argv[2] === 'host' ? 'host.cjs' : 'cli.cjs');
if (!fs.existsSync(bundle)) {
  console.error('Программа не собрана: выполните «npm install» или «npm run build» в папке проекта.');
  process.exit(1);
}
require(bundle)
  .main(process.argv[2] === 'host' ? process.argv.slice(3) : process.argv.slice(2))
  .then((code) => process.exit(code));
