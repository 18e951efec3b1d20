#!/usr/bin/env node
// Compiles Linli's TypeScript to JavaScript in dist/ (npm runs this at install: the `prepare`
// script), so that a command starts without compiling its sources first. Types are not checked
// here (`npm run typecheck` does). Without the TypeScript compiler (an install without dev
// packages) nothing is built and bin/linli.js runs the sources through tsx, as it does whenever
// a source changed after the build.
import fs from 'node:fs';
import path from 'node:path';
import { compiledDir, sourceDir, sourcesState, writeStamp } from './compiled.js';

let ts;
try {
  ts = (await import('typescript')).default;
} catch {
  process.stderr.write('linli: no TypeScript compiler installed; the sources will run through tsx\n');
  process.exit(0);
}

const state = sourcesState();
const building = `${compiledDir}.building-${process.pid}`;
fs.rmSync(building, { recursive: true, force: true });
const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  rewriteRelativeImportExtensions: true,
};
for (const entry of fs.readdirSync(sourceDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const from = path.join(entry.parentPath, entry.name);
  const to = path.join(building, path.relative(sourceDir, from));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  if (entry.name.endsWith('.ts')) {
    const { outputText } = ts.transpileModule(fs.readFileSync(from, 'utf8'), { compilerOptions, fileName: from });
    fs.writeFileSync(to.replace(/\.ts$/, '.js'), outputText);
  } else {
    // Migrations, forms, the demo community: read beside the code that uses them.
    fs.copyFileSync(from, to);
  }
}
fs.rmSync(compiledDir, { recursive: true, force: true });
fs.renameSync(building, compiledDir);
writeStamp(state);
