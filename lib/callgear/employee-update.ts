import { phrase } from '../phrase';
import { SaidError } from '../said-error';
import type { Employee, EmployeePhone } from './types';

/**
 * The body of `update.employees` (callgear.github.io data_api/employee/update_employees; UIS the same).
 * `last_name` and `phone_numbers` are required, and "if you provide an array parameter, it replaces the
 * entire existing array". So every update sends the last name and the numbers exactly as get.employees
 * returned them, each with its `phone_id`, `channels_count`, `dial_time` and `status`: an existing
 * number's ring settings stay what they were, whatever else changes. The employee's status goes as
 * `status_id` (`status` is "deprecated and scheduled for removal").
 */
export interface EmployeeChanges {
  first_name?: string;
  last_name?: string;
  patronymic?: string;
  status_id?: number;
  /** A number to add after the existing ones (digits); a number already there is left as it is. */
  addPhoneNumber?: string;
}

/** The documented maximum of an employee's numbers. */
export const MAX_EMPLOYEE_NUMBERS = 10;

export class EmployeeUpdateError extends SaidError {
  override name = 'EmployeeUpdateError';
}

/** The refusals the client raises before any update (lib/callgear/client.ts). */
export const refusal = {
  notFound: (id: number) => phrase('employeeUpdate.notFound', { id }),
  noNotAtWork: phrase('employeeUpdate.noNotAtWork'),
};

const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/** A number as read, with only the settings the account returned (nothing invented, nothing reset). */
function asRead(phone: EmployeePhone): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['phone_id', 'phone_number', 'channels_count', 'dial_time', 'status'] as const) {
    const value = phone[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

export function employeeUpdateBody(current: Employee, changes: EmployeeChanges): Record<string, unknown> {
  if (!Array.isArray(current.phone_numbers)) {
    // Without the numbers as read, the required array would wipe them: refuse rather than guess.
    throw new EmployeeUpdateError(phrase('employeeUpdate.numbersUnread', { id: current.id }));
  }
  const lastName = changes.last_name || current.last_name || '';
  if (!lastName) throw new EmployeeUpdateError(phrase('employeeUpdate.lastNameMissing', { id: current.id }));
  const numbers = current.phone_numbers.map(asRead);
  const added = changes.addPhoneNumber;
  if (added && !current.phone_numbers.some((p) => digitsOf(p.phone_number) === digitsOf(added))) {
    if (numbers.length >= MAX_EMPLOYEE_NUMBERS) throw new EmployeeUpdateError(phrase('employeeUpdate.tooManyNumbers', { id: current.id, max: MAX_EMPLOYEE_NUMBERS }));
    numbers.push({ phone_number: added });
  }
  const body: Record<string, unknown> = { id: current.id, last_name: lastName, phone_numbers: numbers };
  if (changes.first_name !== undefined) body.first_name = changes.first_name;
  if (changes.patronymic !== undefined) body.patronymic = changes.patronymic;
  if (changes.status_id !== undefined) body.status_id = changes.status_id;
  return body;
}
