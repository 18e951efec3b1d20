// `linli roster` as its own program, until the lead adds it to src/cli/main.ts: the CLI test runs
// it as a child process, with a real standard input and output.
import { rosterCommand } from '../../../src/cli/roster.ts';

await rosterCommand().parseAsync(process.argv);
