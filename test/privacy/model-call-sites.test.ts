import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The model never sees an ID number or phone: each place that calls it is listed here with the
 * test that feeds it ID numbers and phones and reads what reached the model. A new call site
 * fails this test until it is listed, with its proof.
 */

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Where the model client is invoked: each puts the text behind placeholders first. */
const clients: Record<string, string> = {
  'src/dialogs/roster/model.ts': 'askRosterModel',
  'src/dialogs/answers/model-ask.ts': 'readWithModel',
};

/** Who reaches those clients, and the tests that prove nothing personal reached the model from there. */
const callSites: Record<string, { calls: RegExp; proofs: string[] }> = {
  'src/dialogs/roster/parse.ts': { calls: /askRosterModel\(/, proofs: ['test/dialogs/roster/model.test.ts'] },
  'src/cli/roster.ts': { calls: /parseRoster\(message, today, \{ model \}\)/, proofs: ['test/dialogs/roster/model.test.ts'] },
  'src/jobs/roster-model.ts': {
    calls: /readUnreadLines\(/,
    // Tenant lists pasted or sent as files, and shop owners' staff lists, all go through this job.
    proofs: ['test/bot/handlers/roster-model.test.ts', 'test/bot/handlers/market-model.test.ts'],
  },
  'src/jobs/form-model.ts': { calls: /readWithModel\(/, proofs: ['test/bot/handlers/registration-model.test.ts'] },
};

const source = (file: string) => fs.readFileSync(file, 'utf8');

describe('every call to the language model', () => {
  it('is made by a client that hides ID numbers and phones first', () => {
    const invoking = sourceFiles('src').filter((file) => /\.invoke\(|withStructuredOutput\(/.test(source(file)));
    expect(invoking.sort()).toEqual(Object.keys(clients).sort());
    expect(source('src/dialogs/roster/parse.ts')).toMatch(/table\.hide\(line\.text\)[\s\S]*askRosterModel\(model, shown, today\)/);
    expect(source('src/dialogs/answers/model-ask.ts')).toMatch(/new PlaceholderTable\(\)\.hide\(text\)[\s\S]*formModelPrompt\(questions, shown\)/);
  });

  it('is reached only from call sites whose tests feed ID numbers and phones to it', () => {
    const reaching = sourceFiles('src').filter((file) => !(file in clients) && /\b(?:askRosterModel|readUnreadLines|readWithModel)\(|parseRoster\([^)]*\bmodel\b/.test(source(file)));
    expect(reaching.sort()).toEqual(Object.keys(callSites).sort());
    for (const [file, { calls, proofs }] of Object.entries(callSites)) {
      expect(source(file), file).toMatch(calls);
      for (const proof of proofs) {
        const test = source(proof);
        expect(test, proof).toMatch(/prompts|sentText/);
        expect(test, proof).toMatch(/1[3-9]\d(?:[ -]?\d){8}/);
        expect(test, proof).toMatch(/\d{17}[\dX]/);
      }
    }
  });
});
