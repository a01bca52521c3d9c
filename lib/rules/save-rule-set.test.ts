import { describe, expect, test } from 'vitest';
import { ruleSaving, ruleSet } from '../../tests/tools/background-services';
import { MANAGED_KEY } from '../managed-config';
import { LOCKED_RULES, saveRuleSet } from './save-rule-set';

describe('saving a kind of rules', () => {
  test('rules whose templates parse are saved', async () => {
    const saving = ruleSaving();
    await saveRuleSet(saving, 'leads', ruleSet('Заявка {{ contact_phone_number }}'));
    expect((await saving.config.rules()).leads.base.templates?.comment).toBe('Заявка {{ contact_phone_number }}');
  });

  test('a broken template refuses the whole set, naming the field, the rule and the position', async () => {
    const saving = ruleSaving();
    const before = await saving.config.rules();
    await expect(saveRuleSet(saving, 'leads', ruleSet('ok', '{% if utm_source %}Авито'))).rejects.toThrow(/^rulesBrokenTemplate\(fieldSource \| Звонки с Авито \| .+\)$/);
    expect(await saving.config.rules()).toEqual(before);
  });

  test('a kind an administrator’s policy locks is refused; the other kinds are not', async () => {
    const saving = ruleSaving();
    await saving.db.settings.put({ key: MANAGED_KEY, value: { present: true, lockedRules: ['leads'], lockedSettings: [], error: null } });
    await expect(saveRuleSet(saving, 'leads', ruleSet('x'))).rejects.toMatchObject({ said: LOCKED_RULES });
    await expect(saveRuleSet(saving, 'chats', ruleSet('x'))).resolves.toBeUndefined();
  });
});
