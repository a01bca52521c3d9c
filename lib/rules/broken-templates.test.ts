import { describe, expect, test } from 'vitest';
import { render } from '../templates/engine';
import { findBrokenTemplates, type SyntaxCheck } from './broken-templates';
import type { RuleSet } from './schema';

const syntax: SyntaxCheck = async (template) => {
  const result = render({ template, context: {} });
  return !result.ok && result.error.kind === 'syntax' ? result.error : null;
};

const set = (comment: string, clarifyingSource: string, taskTitle = ''): RuleSet => ({
  base: { templates: { comment }, missedTask: { enabled: true, title: taskTitle } },
  clarifying: [{ id: 'r1', name: 'Звонки с Авито', enabled: true, when: { op: 'and', items: [] }, fields: { templates: { source: clarifyingSource } } }],
});

describe('broken templates in a rule set', () => {
  test('a set whose templates parse has none', async () => {
    expect(await findBrokenTemplates(set('Звонок {{ contact_phone_number | phone }}', '{{ utm_source or "Авито" }}'), syntax)).toEqual([]);
  });

  test('each broken template is named by its rule and field, with the position of the error', async () => {
    const broken = await findBrokenTemplates(set('Звонок {{ contact_phone_number | phone }', '{% if utm_source %}Авито', '{{ }}'), syntax);
    expect(broken.map((b) => [b.rule, b.field])).toEqual([
      [null, 'comment'],
      [null, 'taskTitle'],
      ['Звонки с Авито', 'source'],
    ]);
    expect(broken[0]?.error.line).toBe(1);
    expect(broken.every((b) => b.error.kind === 'syntax')).toBe(true);
  });

  test('a runtime problem (an unknown variable, a missing field) is not a broken template', async () => {
    expect(await findBrokenTemplates(set('{{ no_such_variable }}', '{{ tags[0].tag_name }}'), syntax)).toEqual([]);
  });
});
