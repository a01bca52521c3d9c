import type { CommKind, RuleKind } from '../domain/communication';
import { CONDITION_FIELDS } from '../rules/fields';
import { catalogFor } from '../templates/catalog';
import { REPORT_OF_KIND, isDocumented } from './fields';

/**
 * The report fields the pipeline reads outside templates and rules, per kind: toCommunication (time,
 * direction, phone, who took it), ownership and "responsible = who answered" (`last_answered_employee_id`,
 * `employees`), the client's name and personal manager (`contact_id`, `contact_full_name`,
 * `visitor_name`, `visitor_email`), the call log (`virtual_phone_number`, `total_duration`,
 * `full_record_file_link`), the inquiry's UTM marks and `form_link` (`communication_page_url`), and the
 * duration check (`total_duration`, `duration`). Some are not fields of every report: those stay empty.
 */
export const PIPELINE_READS: Record<CommKind, readonly string[]> = {
  call: [
    'id', 'start_time', 'direction', 'is_lost', 'source', 'communication_id', 'contact_phone_number', 'virtual_phone_number',
    'last_answered_employee_id', 'employees', 'contact_id', 'contact_full_name', 'visitor_name', 'visitor_email', 'total_duration',
    'full_record_file_link', 'communication_page_url', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term', 'tags',
  ],
  chat: [
    'id', 'date_time', 'status', 'communication_id', 'visitor_phone_number', 'employee_id', 'contact_id', 'contact_full_name',
    'visitor_name', 'visitor_email', 'total_duration', 'duration', 'communication_page_url', 'utm_source', 'utm_medium', 'utm_campaign',
    'utm_content', 'utm_term', 'tags',
  ],
  lead: [
    'id', 'date_time', 'communication_id', 'visitor_phone_number', 'employee_id', 'contact_id', 'contact_full_name', 'visitor_name',
    'visitor_email', 'total_duration', 'duration', 'communication_page_url', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content',
    'utm_term', 'tags',
  ],
};

const RULE_KINDS: Record<CommKind, RuleKind[]> = { call: ['incomingCalls', 'outgoingCalls'], chat: ['chats'], lead: ['leads'] };

/** Condition fields that are read out of another report field (conditions.ts: `tag_id` from `tags`). */
const CONDITION_SOURCE: Record<string, string> = { tag_id: 'tags', tag_name: 'tags' };

/** Every report field name the product may read for a kind: catalog, rule conditions and pipeline. */
export function fieldsReadFor(kind: CommKind): string[] {
  const fromCatalog = catalogFor(kind).flatMap((v) => v.reportFields);
  const fromRules = RULE_KINDS[kind].flatMap((ruleKind) => CONDITION_FIELDS[ruleKind].map((c) => CONDITION_SOURCE[c.field] ?? c.field));
  return [...new Set([...PIPELINE_READS[kind], ...fromRules, ...fromCatalog])];
}

/**
 * The `fields` list each report request sends: what the product reads, limited to the names the kind's
 * report documents (a name it lacks would fail the whole request with `unexpected_parameters`).
 * `id` first; the rest in a stable order.
 */
export function requestedFields(kind: CommKind): string[] {
  const documented = fieldsReadFor(kind).filter((name) => isDocumented(REPORT_OF_KIND[kind], name));
  return ['id', ...documented.filter((name) => name !== 'id').sort()];
}

/** What the product would read for a kind that its report does not have: always empty for that kind. */
export function unavailableFor(kind: CommKind): string[] {
  return fieldsReadFor(kind).filter((name) => !isDocumented(REPORT_OF_KIND[kind], name)).sort();
}

/** The communications report is only the "what changed" probe: three default fields. */
export const COMMUNICATIONS_FIELDS = ['id', 'communication_type', 'date_time'];
