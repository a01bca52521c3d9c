import { DateTime } from 'luxon';
import type { Communication } from '../domain/communication';
import { formatPhone } from '../phone';
import type { TemplateContext } from './render-protocol';
import { durationFilter } from './filters';

/**
 * What a template sees: every report value of the communication, plus a few computed ones (phone in
 * `+7 (XXX) XXX-XX-XX`, the start in the dealership's zone, talk time as mm:ss). Plain data only.
 */
export function templateContext(comm: Communication, dealershipZone: string): TemplateContext {
  const start = DateTime.fromISO(comm.at, { setZone: true }).setZone(dealershipZone);
  const phone = comm.contactPhone ?? (comm.variables.contact_phone_number as string | null) ?? (comm.variables.visitor_phone_number as string | null) ?? null;
  return {
    ...comm.variables,
    communication_kind: comm.kind,
    client_phone: phone ? formatPhone(phone) : null,
    start_time_local: start.isValid ? start.toFormat('dd.MM.yyyy HH:mm') : null,
    talk_duration_mmss: comm.variables.talk_duration === undefined || comm.variables.talk_duration === null ? null : durationFilter(comm.variables.talk_duration),
  };
}
