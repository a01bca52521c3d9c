import { describe, expect, test } from 'vitest';
import { NEVER, type InboxItem } from '../db';
import { ruleKindOf, toCommunication } from '../domain/communication';
import { itemView } from './item-view';

function item(over: Partial<InboxItem>): InboxItem {
  const comm = toCommunication('call', { id: 5, start_time: '2026-11-30 10:00:00', direction: 'in', is_lost: false, contact_phone_number: '79261234567' }, 'Europe/Moscow');
  return { key: 'call:5', kind: 'call', id: 5, communicationId: null, ruleKind: ruleKindOf(comm), at: comm.at, comm, state: 'new', dueAt: 0, leaseOwner: null, attempts: 0, reason: null, error: null, plan: null, created: [], createdAt: 0, updatedAt: 0, ...over };
}

describe('the after-call card’s view of an item', () => {
  test('view data only: no report row, no plan, no error detail', () => {
    const error = { kind: 'validation', service: 'autocrm', code: '422', ru: 'Поле «Источник» не заполнено', en: 'The Source field is empty', template: { field: 'source', message: 'detail' } };
    const created: InboxItem['created'] = [{ entity: 'inquiry', id: 31, url: 'https://demo.autocrm.ru/inquiry/31' }];
    expect(itemView(item({ state: 'needs-fix', dueAt: NEVER, reason: 'rule', error, created }))).toEqual({
      key: 'call:5',
      state: 'needs-fix',
      reason: 'rule',
      error: { ru: error.ru, en: error.en },
      created,
      dueAt: null,
      advice: 'tell-admin',
    });
  });

  test('a pipeline error reaches the card as its phrase', () => {
    const error = { kind: 'rule', said: { key: 'pipeline.reason.noDealership' } };
    expect(itemView(item({ state: 'needs-fix', dueAt: NEVER, error })).error).toEqual(error);
  });

  test('a waiting item says when it is looked at next', () => {
    expect(itemView(item({ state: 'deferred', dueAt: 1_800_000_000_000 }))).toMatchObject({ dueAt: 1_800_000_000_000, error: null, advice: null });
  });
});
