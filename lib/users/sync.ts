import { isApiError } from '../api-error';
import type { AutocrmClient } from '../autocrm/client';
import type { AutocrmUser } from '../autocrm/types';
import type { CallGearClient } from '../callgear/client';
import type { EmployeeChanges } from '../callgear/employee-update';
import type { Employee } from '../callgear/types';
import type { AppDb } from '../db';
import { nationalKey, toE164 } from '../phone';
import { matchUsers } from './match';

export type RowOutcome = 'pending' | 'created' | 'updated' | 'unchanged' | 'ambiguous' | 'fired' | 'failed';

export interface SyncRow {
  userId: number;
  name: string;
  outcome: RowOutcome;
  employeeId?: number;
  candidates?: number[];
  matchedBy?: string;
  reason?: string;
}

export interface SyncState {
  id: string;
  status: 'running' | 'paused' | 'done';
  startedAt: number;
  finishedAt?: number;
  resumeAt?: number;
  pauseReason?: string;
  rows: SyncRow[];
}

export interface SyncOptions {
  includeFired?: boolean;
  /** Only these AutoCRM users (all when absent). */
  subset?: number[];
}

export const SYNC_STATE_KEY = 'userSync';

export function counts(state: SyncState) {
  const c = { total: state.rows.length, done: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
  for (const row of state.rows) {
    if (row.outcome !== 'pending') c.done++;
    if (row.outcome === 'created') c.created++;
    if (row.outcome === 'updated') c.updated++;
    if (row.outcome === 'unchanged' || row.outcome === 'ambiguous' || row.outcome === 'fired') c.skipped++;
    if (row.outcome === 'failed') c.failed++;
  }
  return c;
}

const isFired = (u: AutocrmUser) => u.status === 2 || u.blocked === 1;
const nameOf = (u: AutocrmUser) => u.person || [u.last_name, u.first_name, u.middle_name].filter(Boolean).join(' ') || u.login || `#${u.id}`;
const digits = (phone: string | null | undefined) => toE164(phone)?.slice(1) ?? null;

/** What the employee should carry from the user: names, and the user's mobile among its numbers. */
function desired(user: AutocrmUser) {
  const [last, first, middle] = user.last_name || user.first_name ? [user.last_name, user.first_name, user.middle_name] : (user.person ?? '').split(/\s+/);
  return { last_name: last?.trim() || '', first_name: first?.trim() || null, patronymic: middle?.trim() || null, phone: digits(user.phone) };
}

/**
 * AutoCRM users → CallGear employees: create missing ones, update changed names and phones, never
 * delete; report fired users and ambiguous matches. The run is saved after every user, so closing the
 * page loses nothing, and a stop on CallGear's point limit resumes where it stopped.
 */
export class UserSync {
  constructor(
    private readonly db: AppDb,
    private readonly autocrm: AutocrmClient,
    private readonly callgear: CallGearClient,
    private readonly now: () => number = Date.now,
  ) {}

  async state(): Promise<SyncState | null> {
    return ((await this.db.settings.get(SYNC_STATE_KEY))?.value as SyncState | undefined) ?? null;
  }

  private save(state: SyncState) {
    return this.db.settings.put({ key: SYNC_STATE_KEY, value: state });
  }

  /** Reads both sides, matches, and runs to the end (or a pause). */
  async start(options: SyncOptions = {}): Promise<SyncState> {
    await this.prepare(options);
    return this.run();
  }

  /** Reads both sides, matches, and saves the plan as a new run (the page shows its progress from here). */
  async prepare({ includeFired = false, subset }: SyncOptions = {}): Promise<SyncState> {
    const [users, employees, links] = await Promise.all([this.autocrm.listUsers({ includeFired }), this.callgear.employees(), this.db.userMap.toArray()]);
    const scope = users.filter((u) => !subset || subset.includes(u.id));
    const matches = matchUsers(scope, employees, new Map(links.map((l) => [l.autocrmUserId, l.callgearEmployeeId])));
    const rows: SyncRow[] = scope.map((user, i) => {
      const match = matches[i]!;
      const base = { userId: user.id, name: nameOf(user) };
      if ('candidates' in match) return { ...base, outcome: 'ambiguous', candidates: match.candidates, matchedBy: match.by, reason: 'несколько подходящих сотрудников: выберите вручную' };
      if (isFired(user)) return { ...base, outcome: 'fired', employeeId: 'employeeId' in match ? match.employeeId : undefined, reason: user.status === 2 ? 'уволен в AutoCRM' : 'заблокирован в AutoCRM' };
      return { ...base, outcome: 'pending', employeeId: 'employeeId' in match ? match.employeeId : undefined, matchedBy: 'by' in match ? match.by : undefined };
    });
    const state: SyncState = { id: `sync-${this.now()}`, status: 'running', startedAt: this.now(), rows };
    await this.save(state);
    return state;
  }

  /** Works through the pending users; on a point limit it pauses with the time to resume. */
  async run(): Promise<SyncState> {
    const state = await this.state();
    if (!state || state.status === 'done') throw new Error('Нет незавершённой синхронизации');
    const [allUsers, allEmployees, links] = await Promise.all([this.autocrm.listUsers({ includeFired: true }), this.callgear.employees(), this.db.userMap.toArray()]);
    const linked = new Map(links.map((l) => [l.autocrmUserId, l.callgearEmployeeId]));
    state.status = 'running';
    delete state.resumeAt;
    for (const row of state.rows) {
      if (row.outcome !== 'pending') continue;
      const user = allUsers.find((u) => u.id === row.userId);
      try {
        if (!user) throw new Error('пользователь больше не найден в AutoCRM');
        // A run cut off right after a create left the employee unrecorded: matching again finds it.
        const again = row.employeeId === undefined ? matchUsers([user], allEmployees, linked)[0] : undefined;
        if (again && 'employeeId' in again) Object.assign(row, { employeeId: again.employeeId, matchedBy: again.by });
        Object.assign(row, await this.syncOne(user, row.employeeId === undefined ? undefined : allEmployees.find((e) => e.id === row.employeeId), allEmployees));
      } catch (error) {
        if (isApiError(error) && error.kind === 'rate-limited') {
          state.status = 'paused';
          state.resumeAt = this.now() + (error.retryAfterMs ?? 60_000);
          state.pauseReason = error.text.ru;
          await this.save(state);
          return state;
        }
        row.outcome = 'failed';
        row.reason = isApiError(error) ? error.text.ru : error instanceof Error ? error.message : String(error);
      }
      await this.save(state);
    }
    state.status = 'done';
    state.finishedAt = this.now();
    await this.save(state);
    return state;
  }

  private async syncOne(user: AutocrmUser, employee: Employee | undefined, everyone: Employee[] = []): Promise<Partial<SyncRow>> {
    const want = desired(user);
    if (!employee) {
      const id = await this.callgear.createEmployee({
        last_name: want.last_name || undefined,
        first_name: want.first_name ?? undefined,
        patronymic: want.patronymic ?? undefined,
        email: user.email || undefined,
        ...(want.phone ? { phone_numbers: [{ phone_number: want.phone }] } : {}),
      });
      await this.link(user, id);
      return { outcome: 'created', employeeId: id };
    }
    const changes: EmployeeChanges = {};
    if (want.last_name && want.last_name !== employee.last_name) changes.last_name = want.last_name;
    if (want.first_name && want.first_name !== employee.first_name) changes.first_name = want.first_name;
    if (want.patronymic && want.patronymic !== employee.patronymic) changes.patronymic = want.patronymic;
    const notes: string[] = [];
    const hasPhone = (e: Employee, phone: string) => (e.phone_numbers ?? []).some((p) => nationalKey(p.phone_number) === nationalKey(phone));
    if (want.phone && !hasPhone(employee, want.phone)) {
      // update.employees would also assign a number held by another employee to this one: say so instead.
      const holder = everyone.find((e) => e.id !== employee.id && hasPhone(e, want.phone!));
      if (holder) notes.push(`телефон ${want.phone} не добавлен: он у сотрудника #${holder.id}${holder.full_name ? ` (${holder.full_name})` : ''}`);
      else changes.addPhoneNumber = want.phone;
    }
    await this.link(user, employee.id);
    if (Object.keys(changes).length === 0) return { outcome: 'unchanged', ...(notes.length ? { reason: notes.join('; ') } : {}) };
    await this.callgear.updateEmployee(employee, changes);
    const words: Record<string, string> = { last_name: 'фамилия', first_name: 'имя', patronymic: 'отчество', addPhoneNumber: 'телефон' };
    return { outcome: 'updated', reason: [`изменено: ${Object.keys(changes).map((k) => words[k] ?? k).join(', ')}`, ...notes].join('; ') };
  }

  private link(user: AutocrmUser, employeeId: number) {
    return this.db.userMap.put({ autocrmUserId: user.id, callgearEmployeeId: employeeId, name: nameOf(user) });
  }

  /** "Disable in CallGear" for a fired user: the employee's status, never a deletion. */
  async disable(employeeId: number): Promise<void> {
    await this.callgear.disableEmployee(employeeId);
  }
}
