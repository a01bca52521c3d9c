import type { EmployeeChanges } from '../callgear/employee-update';
import { nationalKey, toE164 } from '../phone';
import { matchUsers, type EmployeeFacts, type MatchBy, type UserFacts } from './match';

/** The AutoCRM user fields the sync plan reads (swagger.json `definitions.UserResponse`). */
export interface PlanUser extends UserFacts {
  login?: string | null;
  /** 1 active, 2 fired (swagger.json `definitions.UserResponse.status`). */
  status?: number | null;
  blocked?: number | boolean | null;
}

export interface PlanEmployee extends EmployeeFacts {
  /** Deprecated on get.employees but still returned; `not_at_work` is the status "disable" sets. */
  status?: string | null;
}

export type PlannedAction = 'create' | 'update' | 'keep' | 'disable' | 'ambiguous' | 'excluded';

/** Why, as a locale key with its parameters (the UI picks the language; names and numbers are data). */
export interface PlanReason {
  key: string;
  params?: string[];
}

export interface PlannedRow {
  userId: number;
  name: string;
  action: PlannedAction;
  employeeId?: number;
  employeeName?: string;
  candidates?: number[];
  matchedBy?: MatchBy;
  /** What an update would change (field names of update.employees). */
  changes?: (keyof EmployeeChanges)[];
  reasons: PlanReason[];
}

/**
 * Words that mark an account as a technical one rather than a person: an integration's, a robot's, a
 * test's. AutoCRM has no "API user" flag in `UserResponse`, so the login and the name are all there is.
 */
const TECHNICAL_WORDS = ['api', 'integration', 'integr', 'интеграция', 'bot', 'robot', 'робот', 'service', 'system', 'система', 'test', 'тест', 'webhook', 'sync'];

const tokens = (text: string | null | undefined) => (text ?? '').toLowerCase().split(/[^a-zа-яё0-9]+/i).filter(Boolean);

/** A person has a surname or a first name (or an ФИО in `person`); a technical account has neither, or says what it is. */
export function technicalReason(user: PlanUser): PlanReason | null {
  const named = Boolean((user.person ?? '').trim() || (user.last_name ?? '').trim() || (user.first_name ?? '').trim());
  if (!named) return { key: 'syncWhyNoName' };
  const words = [...tokens(user.login), ...tokens(user.person), ...tokens(user.last_name), ...tokens(user.first_name)];
  const hit = words.find((w) => TECHNICAL_WORDS.includes(w));
  return hit ? { key: 'syncWhyTechnical', params: [hit] } : null;
}

export const userName = (u: PlanUser) => u.person || [u.last_name, u.first_name, u.middle_name].filter(Boolean).join(' ') || u.login || `#${u.id}`;
export const isFired = (u: PlanUser) => u.status === 2 || u.blocked === 1 || u.blocked === true;
const digits = (phone: string | null | undefined) => toE164(phone)?.slice(1) ?? null;

/** What the employee should carry from the user: names, and the user's mobile among its numbers. */
export function desiredEmployee(user: PlanUser) {
  const [last, first, middle] = user.last_name || user.first_name ? [user.last_name, user.first_name, user.middle_name] : (user.person ?? '').split(/\s+/);
  return { last_name: last?.trim() || '', first_name: first?.trim() || null, patronymic: middle?.trim() || null, phone: digits(user.phone) };
}

const hasPhone = (e: PlanEmployee, phone: string) => (e.phone_numbers ?? []).some((p) => nationalKey(p.phone_number) === nationalKey(phone));

/**
 * What an update.employees for this user would change. A phone another employee holds is not taken
 * (update.employees would move it): it comes back as `phoneHeldBy` so the admin is told instead.
 */
export function employeeChanges(user: PlanUser, employee: PlanEmployee, everyone: PlanEmployee[]): { changes: EmployeeChanges; phoneHeldBy?: PlanEmployee } {
  const want = desiredEmployee(user);
  const changes: EmployeeChanges = {};
  if (want.last_name && want.last_name !== employee.last_name) changes.last_name = want.last_name;
  if (want.first_name && want.first_name !== employee.first_name) changes.first_name = want.first_name;
  if (want.patronymic && want.patronymic !== employee.patronymic) changes.patronymic = want.patronymic;
  if (want.phone && !hasPhone(employee, want.phone)) {
    const holder = everyone.find((e) => e.id !== employee.id && hasPhone(e, want.phone!));
    if (holder) return { changes, phoneHeldBy: holder };
    changes.addPhoneNumber = want.phone;
  }
  return { changes };
}

const employeeLabel = (e: PlanEmployee | undefined) => (e ? e.full_name || [e.last_name, e.first_name, e.patronymic].filter(Boolean).join(' ') || `#${e.id}` : undefined);

export interface PlanInput {
  users: PlanUser[];
  employees: PlanEmployee[];
  links: Map<number, number>;
  /** Users the admin picked by hand: a technical user picked this way is synced all the same. */
  chosen?: number[];
}

/**
 * The sync's preview: per AutoCRM user, what would happen in CallGear and why. Nothing is written; the
 * run applies exactly these rows once the admin confirms.
 */
export function planSync({ users, employees, links, chosen }: PlanInput): PlannedRow[] {
  const scope = users.filter((u) => !chosen || chosen.includes(u.id));
  const matches = matchUsers(scope, employees, links);
  const byId = new Map(employees.map((e) => [e.id, e]));
  return scope.map((user, i) => {
    const match = matches[i]!;
    const base = { userId: user.id, name: userName(user) };
    const technical = chosen ? null : technicalReason(user);
    if (technical) return { ...base, action: 'excluded', reasons: [technical] };
    if ('candidates' in match) return { ...base, action: 'ambiguous', candidates: match.candidates, matchedBy: match.by, reasons: [{ key: 'syncWhyAmbiguous', params: [match.candidates.map((id) => employeeLabel(byId.get(id))!).join(', ')] }] };
    const employee = 'employeeId' in match ? byId.get(match.employeeId) : undefined;
    const found = employee ? { employeeId: employee.id, employeeName: employeeLabel(employee), matchedBy: (match as { by: MatchBy }).by } : {};
    const matchedWhy: PlanReason = { key: `syncWhyMatched_${found.matchedBy ?? 'link'}` };
    if (isFired(user)) {
      const why: PlanReason = { key: user.status === 2 ? 'syncWhyFired' : 'syncWhyBlocked' };
      if (!employee) return { ...base, action: 'keep', reasons: [why, { key: 'syncWhyNoEmployee' }] };
      if (employee.status === 'not_at_work') return { ...base, ...found, action: 'keep', reasons: [why, { key: 'syncWhyAlreadyDisabled' }] };
      return { ...base, ...found, action: 'disable', reasons: [why] };
    }
    if (!employee) return { ...base, action: 'create', reasons: [{ key: 'syncWhyNoMatch' }] };
    const { changes, phoneHeldBy } = employeeChanges(user, employee, employees);
    const held: PlanReason[] = phoneHeldBy ? [{ key: 'syncWhyPhoneHeld', params: [digits(user.phone) ?? '', employeeLabel(phoneHeldBy)!] }] : [];
    const fields = Object.keys(changes) as (keyof EmployeeChanges)[];
    if (fields.length === 0) return { ...base, ...found, action: 'keep', reasons: [matchedWhy, { key: 'syncWhyUpToDate' }, ...held] };
    return { ...base, ...found, action: 'update', changes: fields, reasons: [matchedWhy, { key: 'syncWhyChanged', params: [fields.join(',')] }, ...held] };
  });
}

/** How many rows of each action: the preview's summary line. */
export function planCounts(rows: PlannedRow[]): Record<PlannedAction, number> {
  const out: Record<PlannedAction, number> = { create: 0, update: 0, keep: 0, disable: 0, ambiguous: 0, excluded: 0 };
  for (const row of rows) out[row.action]++;
  return out;
}
