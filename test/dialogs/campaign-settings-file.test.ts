import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formOfCampaign } from '../../src/dialogs/campaign-form.ts';
import { CampaignFileError, readCampaignFile } from '../../src/dialogs/campaign-file.ts';

/** A campaign's settings file, as staff write it: the example drives are valid, and what is wrong is named by line and question. */
const read = (name: string) => fs.readFileSync(new URL(`../../docs/campaigns/${name}.yaml`, import.meta.url), 'utf8');

function problemsOf(text: string): string[] {
  try {
    readCampaignFile('drive.yaml', text);
  } catch (error) {
    if (error instanceof CampaignFileError) return error.message.split('\n');
    throw error;
  }
  return [];
}

const heat = read('heat-check');

describe('the example drives', () => {
  it('a heat-wave check with a form of its own: who, where, and three questions of its own', () => {
    const settings = readCampaignFile('heat-check.yaml', heat).settings;
    const form = formOfCampaign({ formId: 'registration', settings });
    expect(form.id).toBe('heat-check');
    expect(form.questions.map((q) => q.id)).toEqual(['consent', 'name', 'room', 'phone', 'livesAlone', 'health', 'needsVisit']);
    expect(settings.scope).toBe('site:保利紫山');
  });

  it('a flood-season evacuation list: who needs help to leave, how many, how they get about', () => {
    const settings = readCampaignFile('flood-evacuation.yaml', read('flood-evacuation')).settings;
    const form = formOfCampaign({ formId: 'registration', settings });
    expect(form.id).toBe('flood-evacuation');
    expect(form.questions.find((q) => q.id === 'mobility')?.when).toEqual({ question: 'needsHelp', equals: true });
  });

  it('the returnee drive rewords the registration form and switches questions off', () => {
    const settings = readCampaignFile('returnees.yaml', read('returnees')).settings;
    const form = formOfCampaign({ formId: 'registration', settings });
    expect(form.id).toBe('registration');
    expect(form.questions.some((q) => q.id === 'vaccineDoses')).toBe(false);
    expect(form.questions.find((q) => q.id === 'returned')?.prompt['zh-CN']).toContain('回来过年');
    expect(settings.observationDays).toBe(7);
  });
});

describe('a settings file that cannot be used', () => {
  it('names the question and its line when who is answering is asked under another id', () => {
    const problems = problemsOf(heat.replace('- id: name\n      kind: name', '- id: xingming\n      kind: name'));
    expect(problems).toEqual([
      expect.stringMatching(/^drive\.yaml:20: ownForm question xingming \(number 2\): a name question must have the id name/),
    ]);
  });

  it('says a form of its own must ask where they live', () => {
    const withoutRoom = heat.replace(/ {4}- id: room\n(?: {6}.*\n)+/, '');
    expect(problemsOf(withoutRoom)).toEqual([expect.stringContaining('ownForm: no question asks where they live: add one with id: room and kind: room')]);
  });

  it('names the question whose kind is not one Linli reads', () => {
    const problems = problemsOf(heat.replace('kind: choice', 'kind: multiple'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^drive\.yaml:38: ownForm question health \(number 6\), kind: Invalid option/);
  });

  it('refuses an optional name and a choice without options, each by its question', () => {
    const text = heat
      .replace("label: { zh-CN: 老人姓名, en: Name }", "label: { zh-CN: 老人姓名, en: Name }\n      optional: true")
      .replace(/ {6}options:\n(?: {8}- .*\n)+/, '');
    const problems = problemsOf(text);
    expect(problems).toContainEqual(expect.stringMatching(/ownForm question name \(number 2\): question name cannot be optional/));
    expect(problems).toContainEqual(expect.stringMatching(/ownForm question health \(number 6\), options: a choice needs at least two options/));
  });

  it('refuses a form of its own that takes the id of a shipped form', () => {
    expect(problemsOf(heat.replace('id: heat-check', 'id: registration'))).toEqual([
      expect.stringContaining('ownForm: id registration is a form Linli ships'),
    ]);
  });

  it('names a question switched off that the form does not have', () => {
    expect(problemsOf(`${read('returnees')}\n`.replace('disabled: [vaccineDoses, lastTest]', 'disabled: [vaccine]'))).toEqual([
      expect.stringMatching(/^drive\.yaml:\d+: registration: no question vaccine to switch off/),
    ]);
  });

  it('names the line of a file that is not YAML', () => {
    expect(problemsOf('scope: all\nownForm: [unclosed\n')[0]).toMatch(/^drive\.yaml:\d+:/);
  });
});
