import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((candidate) => fs.existsSync(candidate));

/**
 * Opens generated documents in LibreOffice, as a recipient would, and returns the text of the PDF it
 * renders for each (whitespace removed, keyed by file name without extension). Null when LibreOffice
 * is not installed — an error instead when DOCS=required, as in CI.
 */
export async function readThroughLibreOffice(files: string[]): Promise<Map<string, string> | null> {
  if (!soffice) {
    if (process.env.DOCS === 'required') throw new Error('DOCS=required, but LibreOffice is not installed (apt-get install libreoffice-writer-nogui)');
    return null;
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-rendered-'));
  try {
    await run(soffice, [`-env:UserInstallation=file://${outDir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], { timeout: 180_000 });
    const texts = new Map<string, string>();
    for (const file of files) {
      const name = path.basename(file, path.extname(file));
      const text = (await run('pdftotext', [path.join(outDir, `${name}.pdf`), '-'])).stdout;
      texts.set(name, text.replace(/\s+/g, ''));
    }
    return texts;
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** Whether LibreOffice is here; false skips a test, unless DOCS=required (as in CI), where it is an error. */
export function hasLibreOffice(): boolean {
  if (!soffice && process.env.DOCS === 'required') throw new Error('DOCS=required, but LibreOffice is not installed (apt-get install libreoffice-calc-nogui)');
  return soffice !== undefined;
}

// Calc's CSV filter options: comma, double quote, UTF-8 (76), from line 1.
const CSV_OPTIONS = '44,34,76,1';

/**
 * Opens each file in LibreOffice Calc and saves it as `target` into `outDir`, as a data clerk does with "Save as":
 * CSV read as UTF-8 with commas; CSV written the same way, cells as shown. Returns the new files' paths, in order.
 */
export async function convertWithCalc(files: string[], target: 'xlsx' | 'csv', outDir: string): Promise<string[]> {
  if (!soffice) throw new Error('LibreOffice is not installed');
  fs.mkdirSync(outDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-calc-profile-'));
  try {
    const inputFilter = files.every((file) => file.toLowerCase().endsWith('.csv')) ? [`--infilter=CSV:${CSV_OPTIONS}`] : [];
    const outputFilter = target === 'csv' ? `csv:Text - txt - csv (StarCalc):${CSV_OPTIONS}` : 'xlsx:Calc Office Open XML';
    await run(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', ...inputFilter, '--convert-to', outputFilter, '--outdir', outDir, ...files], { timeout: 180_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const converted = files.map((file) => path.join(outDir, `${path.basename(file, path.extname(file))}.${target}`));
  for (const file of converted) if (!fs.existsSync(file)) throw new Error(`LibreOffice did not write ${file}`);
  return converted;
}
