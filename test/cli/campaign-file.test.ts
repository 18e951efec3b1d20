import { describe, expect, it } from 'vitest';
import { readCampaignFile } from '../../src/dialogs/campaign-file.ts';

/** A campaign's settings file as staff write it: every error names the line it is about. */
const read = (text: string, file = 'drive.yaml') => () => readCampaignFile(file, text);

describe('a campaign settings file', () => {
  it('reads dates, retention, scope, times and a reworded registration form', () => {
    const file = readCampaignFile(
      'returnees.yaml',
      [
        'starts: 2026-12-20',
        'ends: 2027-01-10',
        'retentionDays: 30',
        'scope: site:保利紫山',
        'promptAt: "9:30"',
        'reminders: ["19:00"]',
        'observationDays: 7',
        'form:',
        '  disabled: [vaccineDoses, lastTest]',
        '  prompts:',
        '    notes: { zh-CN: 有没有行动不便、需要上门服务的情况？ }',
        '',
      ].join('\n'),
    );
    expect(file).toMatchObject({ formId: 'registration', starts: '2026-12-20', ends: '2027-01-10', retentionDays: 30 });
    expect(file.settings).toMatchObject({ scope: 'site:保利紫山', promptAt: '9:30', reminders: ['19:00'], observationDays: 7 });
  });

  it('names the line of a wrong value, an unknown key, a date that is not, and a syntax error', () => {
    expect(read('scope: all\nstarts: 2026-02-30\n')).toThrow('drive.yaml:2: starts: a date is written YYYY-MM-DD');
    expect(read('starts: 2026-12-20\nends: 2026-12-01\n')).toThrow('drive.yaml:2: ends: ends before it starts (2026-12-20)');
    expect(read('form:\n  disabled: [name]\n  hidden: [notes]\n')).toThrow('drive.yaml:3: form.hidden: not a setting');
    expect(read('retentionDays: 0\n')).toThrow('drive.yaml:1: retentionDays: ');
    expect(read('scope: all\npromptAt: [10:00\n')).toThrow(/^drive\.yaml:[23]: /);
    expect(read('{\n  "scope": "all",\n  "observationDays": "seven"\n}\n', 'drive.json')).toThrow('drive.json:3: observationDays: ');
  });

  it('takes a form of its own, and names the line of a question that is wrong', () => {
    const own = (kind: string) =>
      [
        'scope: all',
        'ownForm:',
        '  id: heat-check',
        '  version: 1',
        '  title: { zh-CN: 高温探访, en: Heat-wave check }',
        '  questions:',
        '    - id: name',
        '      kind: name',
        '      label: { zh-CN: 姓名, en: Name }',
        '      prompt: { zh-CN: 老人姓名？, en: The resident\'s name? }',
        '    - id: room',
        '      kind: room',
        '      label: { zh-CN: 住址, en: Address }',
        '      prompt: { zh-CN: 住哪一栋哪一间？, en: Which building and room? }',
        '    - id: wellbeing',
        `      kind: ${kind}`,
        '      label: { zh-CN: 身体情况, en: Wellbeing }',
        '      prompt: { zh-CN: 老人身体还好吗？, en: Is the resident well? }',
        '',
      ].join('\n');
    expect(readCampaignFile('heat.yaml', own('text'))).toMatchObject({ formId: 'heat-check' });
    expect(() => readCampaignFile('heat.yaml', own('feeling'))).toThrow('heat.yaml:16: ownForm question wellbeing (number 3), kind: ');
  });
});
