/**
 * Runs one benchmark file in a process of its own (so that its memory and a crash are its own)
 * and prints its lines as JSON on the last line of standard output.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { Benchmark } from './table.ts';

const [file, ...flags] = process.argv.slice(2);
if (!file) throw new Error('usage: child.ts FILE [--quick]');
const loaded: unknown = await import(pathToFileURL(path.resolve(import.meta.dirname, `${file}.ts`)).href);
const module = z.object({ benchmark: z.object({ run: z.function() }) }).parse(loaded);
const benchmark = module.benchmark as Benchmark;
const lines = await benchmark.run({ quick: flags.includes('--quick'), progress: (text) => process.stderr.write(`  ${file}: ${text}\n`) });
process.stdout.write(`\n${JSON.stringify(lines)}\n`);
// Pools and queue connections of the benchmark are closed by it; a straggler timer is not waited for.
process.exit(0);
