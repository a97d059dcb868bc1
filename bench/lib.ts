/**
 * The package as its users run it: the CommonJS build in dist/ (`npm run bench` builds it first).
 * Not the TypeScript sources through tsx: its transform turns every reference to another module's
 * export into a getter call, which would charge this package a cost its users never pay, on every
 * frame. The types come from the sources, which the build is made from.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Audio from '../lib/audio/index';
import type * as Core from '../lib/index';
import type * as Node from '../lib/node/index';
import type * as Testing from '../lib/testing/index';

const dist = path.join(__dirname, '..', 'dist', 'cjs');
if (!fs.existsSync(path.join(dist, 'index.js'))) throw new Error('bench: dist/ is missing; run `npm run build` (or `npm run bench`, which builds first)');

/* eslint-disable @typescript-eslint/no-require-imports */
export const core = require(path.join(dist, 'index.js')) as typeof Core;
export const audio = require(path.join(dist, 'audio', 'index.js')) as typeof Audio;
export const node = require(path.join(dist, 'node', 'index.js')) as typeof Node;
export const testing = require(path.join(dist, 'testing', 'index.js')) as typeof Testing;
