import { describe, expect, it } from 'vitest';
import { groundRows, type ModelRow } from '../../../src/dialogs/roster/grounding.ts';
import { PlaceholderTable } from '../../../src/dialogs/roster/placeholders.ts';

const row = (fields: Partial<ModelRow> & { line: number }): ModelRow => ({
  name: null,
  idNumber: null,
  phone: null,
  room: null,
  moveIn: null,
  action: null,
  ...fields,
});

function shownOf(lines: Record<number, string>) {
  const table = new PlaceholderTable();
  const shown = Object.entries(lines).map(([lineNo, text]) => ({ lineNo: Number(lineNo), text: table.hide(text) }));
  return { table, shown };
}

describe('groundRows', () => {
  const { table, shown } = shownOf({ 4: '还有一个叫刘德华的，住５栋 301，电话138 1234 5678', 6: '她弟弟叫朱 丽 明，身份证440106199601257124' });

  it('takes values written in the lines, restoring the placeholders', () => {
    expect(groundRows([row({ line: 4, name: '刘德华', phone: '<PHONE1>', room: '5栋301', action: 'add' })], shown, table)).toEqual([
      { lineNo: 4, name: '刘德华', idNumber: null, phone: '138 1234 5678', room: '5栋301', moveIn: null, action: 'add', ungrounded: false },
    ]);
  });

  it('compares names and rooms as people retype them: width and spaces do not matter', () => {
    const [grounded] = groundRows([row({ line: 6, name: '朱丽明', idNumber: '⟨ID1⟩' })], shown, table);
    expect(grounded).toMatchObject({ name: '朱丽明', idNumber: '440106199601257124', ungrounded: false });
  });

  it.each([
    ['a name not in the lines', row({ line: 4, name: '刘德华先生', phone: '⟨PHONE1⟩' }), { name: null, phone: '138 1234 5678' }],
    ['a placeholder that was never shown', row({ line: 4, name: '刘德华', phone: '⟨PHONE7⟩' }), { name: '刘德华', phone: null }],
    ['a phone placeholder given as the ID number', row({ line: 4, name: '刘德华', idNumber: '⟨PHONE1⟩' }), { name: '刘德华', idNumber: null }],
    ['a real number instead of a placeholder', row({ line: 4, name: '刘德华', phone: '13812345678' }), { name: '刘德华', phone: null }],
    ['a room not in the lines', row({ line: 4, name: '刘德华', room: '101' }), { name: '刘德华', room: null }],
    ['a date rewritten', row({ line: 4, name: '刘德华', moveIn: '2026-03-01' }), { name: '刘德华', moveIn: null }],
  ])('drops %s and flags the row', (_, modelRow, values) => {
    const [grounded] = groundRows([modelRow], shown, table);
    expect(grounded).toMatchObject({ ...values, ungrounded: true });
  });

  it('drops rows for lines the model was not shown, and rows with nothing of a person left', () => {
    expect(groundRows([row({ line: 2, name: '刘德华' }), row({ line: 4, name: '王小明', room: '5栋301' })], shown, table)).toEqual([]);
  });
});
