import { describe, expect, test } from 'vitest';
import * as engine from '../templates/engine';
import type { CommKind, RuleKind } from '../domain/communication';
import { DEFAULT_TASK_TITLES, DEFAULT_TEMPLATES } from './defaults';

const KIND: Record<RuleKind, CommKind> = { incomingCalls: 'call', outgoingCalls: 'call', chats: 'chat', leads: 'lead' };

describe('the default templates', () => {
  test.each(Object.keys(KIND) as RuleKind[])('%s: every variable is one its report fills (no lint warning)', (ruleKind) => {
    const templates = [...Object.values(DEFAULT_TEMPLATES[ruleKind]), DEFAULT_TASK_TITLES[ruleKind]].filter(Boolean);
    for (const template of templates) {
      const lint = engine.lint(template, KIND[ruleKind]);
      expect(lint.error, template).toBeNull();
      expect(lint.warnings.map((w) => w.name), template).toEqual([]);
    }
  });
});
