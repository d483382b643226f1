#!/usr/bin/env node
// `npx lz …` from anywhere in the repository: runs bin/lz.ts through ts-node with SWC (transpile
// only, as `npm run lz` does), keeping the caller's working directory for relative paths.
'use strict';
const { join } = require('node:path');
require('ts-node').register({ swc: true, projectSearchDir: join(__dirname, '..') });
require('./lz.ts');
