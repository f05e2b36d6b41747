#!/usr/bin/env node
// The `dukao` command: runs the TypeScript CLI through tsx, from wherever npx was called.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
