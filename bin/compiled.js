// Where the JavaScript compiled from Linli's sources lives (bin/build.js writes it at install), and
// whether it is still the build of the sources as they are now.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sourceDir = path.join(root, 'src');
export const compiledDir = path.join(root, 'dist');
const stampFile = path.join(compiledDir, '.sources.json');

/** Every file under src, and the newest change among them: what a build was made from. */
export function sourcesState() {
  const files = fs.readdirSync(sourceDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  let newest = 0;
  for (const file of files) newest = Math.max(newest, fs.statSync(path.join(file.parentPath, file.name)).mtimeMs);
  return { files: files.length, newest };
}

export function writeStamp(state) {
  fs.writeFileSync(stampFile, JSON.stringify(state));
}

/** The compiled entry point, or undefined when there is none or a source changed since it was built. */
export function compiledEntry() {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return undefined;
  }
  const now = sourcesState();
  return stamp.files === now.files && stamp.newest === now.newest ? path.join(compiledDir, 'cli', 'main.js') : undefined;
}
