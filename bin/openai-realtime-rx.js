#!/usr/bin/env node
'use strict';
// The `openai-realtime-rx` command. From the published package it runs the built CLI
// (dist/cjs/cli/main.js). In a clone of the repository, where nothing need be built, it runs the
// TypeScript sources through tsx (a devDependency), so `npx openai-realtime-rx` works right after
// `npm ci` and always runs the current code.
const fs = require('node:fs');
const path = require('node:path');

const source = path.join(__dirname, '..', 'lib', 'cli', 'main.ts');
const hasTsx = () => {
  try {
    require.resolve('tsx/cjs');
    return true;
  } catch {
    return false;
  }
};

if (fs.existsSync(source) && hasTsx()) {
  require('tsx/cjs');
  require(source);
} else {
  require('../dist/cjs/cli/main.js');
}
