#!/usr/bin/env node
'use strict';
// `npm start`: rebuild only when a source is newer than dist/, then run the compiled API in
// this same process (one node start instead of two; signals reach the API directly).
const { join } = require('node:path');
const { buildIfStale } = require('./build-if-stale');

const status = buildIfStale();
if (status !== 0) process.exit(status);
require(join(__dirname, '..', 'dist', 'apps', 'ledger-api', 'src', 'main.js'));
