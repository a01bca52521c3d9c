import type { UserMapRecord } from '../db';
import type { Choice } from '../dictionaries';

/** A row of the users page's mapping table: an AutoCRM user and the CallGear employee it is paired with. */
export interface MappingRow {
  autocrmUserId: number;
  callgearEmployeeId: number | null;
  name: string;
}

/**
 * The table as the page holds it. Two answers fill it, in whichever order they come: the AutoCRM users
 * (from the dictionaries; null until read) and the saved pairs (`userMap.get`; null until read). `base` is
 * what is saved, `draft` what the admin sees and edits.
 */
export interface MappingState {
  users: Choice[] | null;
  saved: UserMapRecord[] | null;
  base: MappingRow[];
  draft: MappingRow[];
}

export const EMPTY_MAPPING: MappingState = { users: null, saved: null, base: [], draft: [] };

/**
 * Every AutoCRM user with its saved employee, then every saved pair whose user the list lacks (users not
 * read yet, or no longer listed) under the name saved with it: a saved mapping never shows as an empty table.
 */
export function mappingRows(users: Choice[] | null, saved: UserMapRecord[]): MappingRow[] {
  const employeeOf = new Map(saved.map((s) => [s.autocrmUserId, s.callgearEmployeeId]));
  const listed = (users ?? []).map((u) => ({ autocrmUserId: Number(u.id), name: u.name, callgearEmployeeId: employeeOf.get(Number(u.id)) ?? null }));
  const ids = new Set(listed.map((r) => r.autocrmUserId));
  const unlisted = saved.filter((s) => !ids.has(s.autocrmUserId)).map((s) => ({ autocrmUserId: s.autocrmUserId, name: s.name, callgearEmployeeId: s.callgearEmployeeId }));
  return [...listed, ...unlisted];
}

/** The new base, with the admin's unsaved choices (where the draft differs from the old base) kept. */
function rebase(state: MappingState, base: MappingRow[]): MappingState {
  const before = new Map(state.base.map((r) => [r.autocrmUserId, r.callgearEmployeeId]));
  const chosen = new Map(state.draft.filter((r) => before.get(r.autocrmUserId) !== r.callgearEmployeeId).map((r) => [r.autocrmUserId, r.callgearEmployeeId]));
  const draft = base.map((r) => (chosen.has(r.autocrmUserId) ? { ...r, callgearEmployeeId: chosen.get(r.autocrmUserId)! } : r));
  return { ...state, base, draft };
}

export const withUsers = (state: MappingState, users: Choice[] | null): MappingState => rebase({ ...state, users }, mappingRows(users, state.saved ?? []));

export const withSaved = (state: MappingState, saved: UserMapRecord[]): MappingState => rebase({ ...state, saved }, mappingRows(state.users, saved));

export const withChoice = (state: MappingState, autocrmUserId: number, callgearEmployeeId: number | null): MappingState => ({
  ...state,
  draft: state.draft.map((r) => (r.autocrmUserId === autocrmUserId ? { ...r, callgearEmployeeId } : r)),
});

export const isDirty = (state: MappingState): boolean => JSON.stringify(state.draft) !== JSON.stringify(state.base);

/** The pairs to save: the draft's rows that name an employee. */
export const recordsOf = (state: MappingState): UserMapRecord[] =>
  state.draft.filter((r) => r.callgearEmployeeId !== null).map((r) => ({ autocrmUserId: r.autocrmUserId, callgearEmployeeId: r.callgearEmployeeId!, name: r.name }));

/**
 * Wraps requests of one kind so that only the latest one's answer counts: an older request answered
 * later (a worker that woke slowly) never overwrites a newer answer.
 */
export function latestOnly() {
  let latest = 0;
  return async <T>(request: Promise<T>): Promise<{ current: boolean; value: T }> => {
    const mine = ++latest;
    const value = await request;
    return { current: mine === latest, value };
  };
}
