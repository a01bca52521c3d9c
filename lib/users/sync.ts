import { isApiError } from '../api-error';
import { phrase, type Said } from '../phrase';
import { errorParam } from '../said-error';
import type { AutocrmClient } from '../autocrm/client';
import type { AutocrmUser } from '../autocrm/types';
import type { CallGearClient } from '../callgear/client';
import type { Employee } from '../callgear/types';
import type { AppDb } from '../db';
import { matchUsers } from './match';
import { desiredEmployee, employeeChanges, isFired, planSync, userName, type PlannedAction, type PlannedRow, type PlanReason } from './plan';

export type RowOutcome = 'pending' | 'created' | 'updated' | 'unchanged' | 'ambiguous' | 'fired' | 'disabled' | 'excluded' | 'failed';

export interface SyncRow {
  userId: number;
  name: string;
  outcome: RowOutcome;
  employeeId?: number;
  candidates?: number[];
  matchedBy?: string;
  /** What the confirmed preview said would happen. */
  planned?: PlannedAction;
  /** Why, as locale keys (the preview's reasons). */
  reasons?: PlanReason[];
  /** A failure's or a note's text, as a _locales phrase (a string in rows written before). */
  reason?: Said | string;
}

export interface SyncState {
  id: string;
  status: 'running' | 'paused' | 'done';
  startedAt: number;
  finishedAt?: number;
  resumeAt?: number;
  pauseReason?: Said | string;
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
    if (row.outcome === 'updated' || row.outcome === 'disabled') c.updated++;
    if (row.outcome === 'unchanged' || row.outcome === 'ambiguous' || row.outcome === 'fired' || row.outcome === 'excluded') c.skipped++;
    if (row.outcome === 'failed') c.failed++;
  }
  return c;
}

const nameOf = userName;
const OUTCOME_OF: Record<PlannedAction, RowOutcome> = { create: 'pending', update: 'pending', disable: 'pending', keep: 'pending', ambiguous: 'ambiguous', excluded: 'excluded' };

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

  /** What a sync would do, per user and why, without writing anything: shown for the admin to confirm. */
  async preview({ includeFired = false, subset }: SyncOptions = {}): Promise<PlannedRow[]> {
    const [users, employees, links] = await Promise.all([this.autocrm.listUsers({ includeFired }), this.callgear.employees(), this.db.userMap.toArray()]);
    return planSync({ users, employees, links: new Map(links.map((l) => [l.autocrmUserId, l.callgearEmployeeId])), chosen: subset });
  }

  /** Reads both sides, plans as the preview does, and saves the plan as a new run (the page shows its progress from here). */
  async prepare(options: SyncOptions = {}): Promise<SyncState> {
    const rows: SyncRow[] = (await this.preview(options)).map((p) => ({
      userId: p.userId,
      name: p.name,
      outcome: OUTCOME_OF[p.action],
      planned: p.action,
      reasons: p.reasons,
      ...(p.employeeId !== undefined ? { employeeId: p.employeeId } : {}),
      ...(p.candidates ? { candidates: p.candidates } : {}),
      ...(p.matchedBy ? { matchedBy: p.matchedBy } : {}),
    }));
    const state: SyncState = { id: `sync-${this.now()}`, status: 'running', startedAt: this.now(), rows };
    await this.save(state);
    return state;
  }

  /** Works through the pending users; on a point limit it pauses with the time to resume. */
  async run(): Promise<SyncState> {
    const state = await this.state();
    if (!state || state.status === 'done') throw new Error('No unfinished user sync to run');
    const [allUsers, allEmployees, links] = await Promise.all([this.autocrm.listUsers({ includeFired: true }), this.callgear.employees(), this.db.userMap.toArray()]);
    const linked = new Map(links.map((l) => [l.autocrmUserId, l.callgearEmployeeId]));
    state.status = 'running';
    delete state.resumeAt;
    for (const row of state.rows) {
      if (row.outcome !== 'pending') continue;
      const user = allUsers.find((u) => u.id === row.userId);
      if (!user) {
        Object.assign(row, { outcome: 'failed', reason: phrase('syncUserGone') });
        await this.save(state);
        continue;
      }
      try {
        // A run cut off right after a create left the employee unrecorded: matching again finds it.
        const again = row.employeeId === undefined ? matchUsers([user], allEmployees, linked)[0] : undefined;
        if (again && 'employeeId' in again) Object.assign(row, { employeeId: again.employeeId, matchedBy: again.by });
        if (isFired(user)) Object.assign(row, row.planned === 'disable' ? await this.disableOne(row) : { outcome: 'fired' });
        else Object.assign(row, await this.syncOne(user, row.employeeId === undefined ? undefined : allEmployees.find((e) => e.id === row.employeeId), allEmployees));
      } catch (error) {
        if (isApiError(error) && error.kind === 'rate-limited') {
          state.status = 'paused';
          state.resumeAt = this.now() + (error.retryAfterMs ?? 60_000);
          state.pauseReason = error.phrase ?? error.text;
          await this.save(state);
          return state;
        }
        row.outcome = 'failed';
        row.reason = isApiError(error) ? (error.phrase ?? error.text) : phrase('syncRowFailed', { error: errorParam(error) });
      }
      await this.save(state);
    }
    state.status = 'done';
    state.finishedAt = this.now();
    await this.save(state);
    return state;
  }

  private async syncOne(user: AutocrmUser, employee: Employee | undefined, everyone: Employee[] = []): Promise<Partial<SyncRow>> {
    const want = desiredEmployee(user);
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
    // update.employees would also assign a number held by another employee to this one: say so instead.
    const { changes, phoneHeldBy: holder } = employeeChanges(user, employee, everyone);
    const note = holder ? { reason: phrase('syncPhoneHeld', { phone: want.phone ?? '', employee: holder.full_name ? `#${holder.id} (${holder.full_name})` : `#${holder.id}` }) } : {};
    await this.link(user, employee.id);
    if (Object.keys(changes).length === 0) return { outcome: 'unchanged', ...note };
    await this.callgear.updateEmployee(employee, changes);
    // What changed is in the row's reasons (the preview's syncWhyChanged, with the fields as the admin knows them).
    return { outcome: 'updated', ...note };
  }

  /** A fired or blocked user's employee, in a sync that includes them: its status, never a deletion. */
  private async disableOne(row: SyncRow): Promise<Partial<SyncRow>> {
    if (row.employeeId === undefined) return { outcome: 'fired' };
    await this.callgear.disableEmployee(row.employeeId);
    return { outcome: 'disabled' };
  }

  private link(user: AutocrmUser, employeeId: number) {
    return this.db.userMap.put({ autocrmUserId: user.id, callgearEmployeeId: employeeId, name: nameOf(user) });
  }

  /** "Disable in CallGear" for a fired user: the employee's status, never a deletion. */
  async disable(employeeId: number): Promise<void> {
    await this.callgear.disableEmployee(employeeId);
  }
}
