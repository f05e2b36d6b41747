// Builds the web app when web/dist is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');

function newestSourceTime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestSourceTime(path.join(entry, name))), 0);
}

/** True when the built web app is missing or older than any of its sources. */
export function isWebBuildStale() {
  const built = path.join(web, 'dist', 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((name) => path.join(web, name)).filter((entry) => fs.existsSync(entry));
  return Math.max(...sources.map(newestSourceTime)) > fs.statSync(built).mtimeMs;
}

/** Runs the Vite build if needed; exits the process on failure. */
export function ensureWebBuild() {
  if (!isWebBuildStale()) return;
  console.log('正在构建前端（web/dist）……');
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    console.error('前端构建失败，见上方错误。');
    process.exit(result.status ?? 1);
  }
  console.log(`前端构建完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）。`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureWebBuild();
