import { nationalKey } from '../phone';

/** The fields matching reads: AutoCRM users and CallGear employees as the clients return them. */
export interface UserFacts {
  id: number;
  person?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  middle_name?: string | null;
  email?: string | null;
  phone?: string | null;
  work_phone?: string | null;
}

export interface EmployeeFacts {
  id: number;
  full_name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  patronymic?: string | null;
  email?: string | null;
  phone_numbers?: { phone_number: string }[] | null;
}

export type MatchBy = 'link' | 'email' | 'phone' | 'name';
export type UserMatch =
  | { userId: number; employeeId: number; by: MatchBy }
  | { userId: number; candidates: number[]; by: MatchBy }
  | { userId: number; none: true };

const norm = (text: string | null | undefined) => (text ?? '').trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
const userName = (u: UserFacts) => norm(u.person || [u.last_name, u.first_name, u.middle_name].filter(Boolean).join(' '));
const employeeName = (e: EmployeeFacts) => norm(e.full_name || [e.last_name, e.first_name, e.patronymic].filter(Boolean).join(' '));
const userPhones = (u: UserFacts) => [u.phone, u.work_phone].map((p) => nationalKey(p)).filter((p): p is string => p !== null);
const employeePhones = (e: EmployeeFacts) => (e.phone_numbers ?? []).map((p) => nationalKey(p.phone_number)).filter((p): p is string => p !== null);

/**
 * Who is who: an existing link first, then e-mail, then phone (normalised), then full name. Several
 * candidates at a step is "ambiguous" and left to the admin; an employee already taken by another
 * user is not offered again.
 */
export function matchUsers(users: UserFacts[], employees: EmployeeFacts[], links: Map<number, number>): UserMatch[] {
  const byId = new Map(employees.map((e) => [e.id, e]));
  const taken = new Set([...links.values()].filter((id) => byId.has(id)));
  const results: UserMatch[] = [];
  for (const user of users) {
    const linked = links.get(user.id);
    if (linked !== undefined && byId.has(linked)) {
      results.push({ userId: user.id, employeeId: linked, by: 'link' });
      continue;
    }
    const free = employees.filter((e) => !taken.has(e.id));
    const steps: [MatchBy, (e: EmployeeFacts) => boolean][] = [
      ['email', (e) => norm(user.email) !== '' && norm(e.email) === norm(user.email)],
      ['phone', (e) => userPhones(user).some((p) => employeePhones(e).includes(p))],
      ['name', (e) => userName(user) !== '' && employeeName(e) === userName(user)],
    ];
    let result: UserMatch = { userId: user.id, none: true };
    for (const [by, test] of steps) {
      const found = free.filter(test);
      if (found.length === 1) {
        result = { userId: user.id, employeeId: found[0]!.id, by };
        taken.add(found[0]!.id);
        break;
      }
      if (found.length > 1) {
        result = { userId: user.id, candidates: found.map((e) => e.id), by };
        break;
      }
    }
    results.push(result);
  }
  return results;
}
