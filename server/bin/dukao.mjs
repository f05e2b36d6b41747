#!/usr/bin/env node
// The `dukao` command: runs the TypeScript CLI through tsx, from wherever npx was called.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? `错误：${error.message}` : error);
  return 1;
});
