#!/usr/bin/env node
// Runs Linli: the JavaScript compiled at install (bin/build.js) when it is the build of the
// sources as they are, else the TypeScript sources directly through tsx, so that `npm install`
// is all a newcomer needs and a changed source never runs stale.
import { compiledEntry } from './compiled.js';

const compiled = compiledEntry();
if (compiled) {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
