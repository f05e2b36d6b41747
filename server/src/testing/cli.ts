import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, promisify } from 'node:util';
import { runCli } from '../cli.ts';

/*
 * The `dukao` command for the tests. In-process by default (`dukao`): the same runCli the binary calls, with the data
 * directory in the environment and the console captured — no second Node and TypeScript start-up per command.
 * `spawnDukao` runs the real binary where a second process is the point (a lock held by another process, a kill).
 */

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const dukaoBinary = path.join(repositoryRoot, 'node_modules/.bin/dukao');

export type CliResult = { code: number; output: string };

// Commands share process.env and the console: one at a time.
let previous: Promise<unknown> = Promise.resolve();

export function dukao(dataDir: string, ...args: string[]): Promise<CliResult> {
  const next = previous.then(() => runInProcess(dataDir, args));
  previous = next.catch(() => undefined);
  return next;
}

async function runInProcess(dataDir: string, args: string[]): Promise<CliResult> {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  const methods = ['log', 'error', 'warn', 'info'] as const;
  const original = methods.map((method) => console[method]);
  let output = '';
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  for (const method of methods) console[method] = (...parts: unknown[]) => void (output += `${format(...parts)}\n`);
  try {
    const code = await runCli(args).catch((error: unknown) => {
      output += `错误：${error instanceof Error ? error.message : String(error)}\n`;
      return 1;
    });
    return { code, output };
  } finally {
    methods.forEach((method, index) => (console[method] = original[index]!));
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

const run = promisify(execFile);

/** The real binary in a child process (DATABASE_URL removed, so it uses the data directory). */
export async function spawnDukao(dataDir: string, ...args: string[]): Promise<CliResult> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(dukaoBinary, args, { cwd: repositoryRoot, env: { ...inherited, DATA_DIR: dataDir }, timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}
