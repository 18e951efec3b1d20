#!/usr/bin/env node
// Runs Linli's TypeScript sources directly, so that `npm install` is all a newcomer needs.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
