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
