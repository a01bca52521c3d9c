import { describe, expect, test } from 'vitest';
import { EMPTY_MAPPING, isDirty, latestOnly, mappingRows, recordsOf, withChoice, withSaved, withUsers, type MappingState } from './mapping-table';

const users = [
  { id: 42, name: 'Иванов Иван' },
  { id: 43, name: 'Петрова Анна' },
  { id: 44, name: 'Сидоров Олег' },
];
const saved = [
  { autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Иванов Иван' },
  { autocrmUserId: 43, callgearEmployeeId: 9002, name: 'Петрова Анна' },
];
const expected = [
  { autocrmUserId: 42, name: 'Иванов Иван', callgearEmployeeId: 9001 },
  { autocrmUserId: 43, name: 'Петрова Анна', callgearEmployeeId: 9002 },
  { autocrmUserId: 44, name: 'Сидоров Олег', callgearEmployeeId: null },
];

type Step = (s: MappingState) => MappingState;
const run = (...steps: Step[]) => steps.reduce((state, step) => step(state), EMPTY_MAPPING);

describe('the users mapping table after a reload', () => {
  test('the same table whichever answer comes first: users, saved pairs, or users read again', () => {
    const usersFirst = run((s) => withUsers(s, users), (s) => withSaved(s, saved));
    const savedFirst = run((s) => withSaved(s, saved), (s) => withUsers(s, users));
    // The old page built its rows from the users it held when it asked for the saved pairs: an answer asked
    // before the dictionaries arrived (the sync-state poll's first tick) landed last and emptied the table.
    const readTwice = run((s) => withUsers(s, null), (s) => withSaved(s, saved), (s) => withUsers(s, users));
    for (const state of [usersFirst, savedFirst, readTwice]) {
      expect(state.draft).toEqual(expected);
      expect(isDirty(state)).toBe(false);
    }
  });

  test('saved pairs show before the users are read, and when AutoCRM could not list them', () => {
    expect(run((s) => withSaved(s, saved)).draft.map((r) => r.name)).toEqual(['Иванов Иван', 'Петрова Анна']);
    expect(run((s) => withSaved(s, saved), (s) => withUsers(s, [])).draft).toHaveLength(2);
    expect(mappingRows([{ id: 44, name: 'Сидоров Олег' }], saved).map((r) => r.autocrmUserId)).toEqual([44, 42, 43]);
  });

  test('an unsaved choice survives the lists arriving again; saving takes the draft', () => {
    const chosen = run((s) => withUsers(s, users), (s) => withSaved(s, saved), (s) => withChoice(s, 44, 9003));
    expect(isDirty(chosen)).toBe(true);
    const reread = withSaved(withUsers(chosen, [...users, { id: 45, name: 'Орлов Дмитрий' }]), saved);
    expect(reread.draft.find((r) => r.autocrmUserId === 44)?.callgearEmployeeId).toBe(9003);
    expect(reread.draft.find((r) => r.autocrmUserId === 45)?.callgearEmployeeId).toBeNull();
    expect(recordsOf(reread)).toEqual([...saved, { autocrmUserId: 44, callgearEmployeeId: 9003, name: 'Сидоров Олег' }]);
  });

  test('an older request answered after a newer one does not count', async () => {
    const latest = latestOnly();
    let answerOld: (value: string) => void = () => undefined;
    const old = latest(new Promise<string>((resolve) => (answerOld = resolve)));
    const fresh = latest(Promise.resolve('new'));
    await expect(fresh).resolves.toEqual({ current: true, value: 'new' });
    answerOld('old');
    await expect(old).resolves.toEqual({ current: false, value: 'old' });
  });
});
