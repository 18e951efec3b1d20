import { describe, expect, it } from 'vitest';
import { idConflictNote } from '../../../src/bot/handlers/registration/id-conflict-note.ts';

const answers = { name: 'Tom Smith', idNumber: { type: 'resident-id', number: '44060319900101109X', birthDate: '1990-01-01', sex: 'male' } };

describe('the note on an ID number registered to someone else', () => {
  it('speaks the resident\'s language, shows the number masked, and says what to do', () => {
    const english = idConflictNote('en', 0, answers);
    expect(english).toContain('the ID number 4406**********109X has already been registered by someone else');
    expect(english).toContain('reply "staff"');
    expect(idConflictNote('zh-CN', 0, answers)).toContain('身份证号 4406**********109X 已经有另一个人登记过了');
  });

  it('names the family member it is about', () => {
    expect(idConflictNote('en', 1, answers)).toContain('of your family member "Tom Smith"');
    expect(idConflictNote('zh-CN', 2, answers)).toContain('家人「Tom Smith」的身份证号');
    expect(idConflictNote('zh-CN', 2, answers)).not.toContain('44060319900101109X');
  });
});
