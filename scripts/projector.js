#!/usr/bin/env node
'use strict';
// `npm run projector`: rebuild only when a source is newer than dist/, then run the compiled
// projector in this same process (signals reach it directly), as `npm start` does for the API.
const { join } = require('node:path');
const { buildIfStale } = require('./build-if-stale');

const status = buildIfStale();
if (status !== 0) process.exit(status);
require(join(__dirname, '..', 'dist', 'apps', 'ledger-projector', 'src', 'main.js'));
