import { DateTime } from 'luxon';
import { ruleKindOf, type Communication } from '../domain/communication';
import { missingFor } from '../rules/readiness';
import { mergeRules, type MergedRule } from '../rules/merge';
import type { EntityType, RuleSet } from '../rules/schema';
import { addWorkingHours, nextOpening, isOpen, type WeeklySchedule } from '../schedule/working-hours';
import { CASE_STATE_NAMES, REQUEST_STATUS_NAMES } from '../autocrm/types';
import { phrase, type Phrase } from '../phrase';
import type { Lookups, Outcome, Plan, TaskPlan } from './plan';
import { DEFAULT_TASK_TITLES } from '../rules/defaults';
import type { HoursSettings } from '../settings/definitions';

export type { HoursSettings };

export interface DecideInput {
  comm: Communication;
  ruleSet: RuleSet;
  /** The rule set already merged with this communication's variables (the pipeline merges once per item). */
  merged?: MergedRule;
  lookups: Lookups;
  hours: HoursSettings;
  now: DateTime;
}

/** AutoCRM's status and state numbers (lib/autocrm/types.ts): the UI names them from _locales; an unknown one shows its number. */
function statusParam(prefix: 'Inquiry' | 'Worksheet', value: number | null): Phrase {
  const known = prefix === 'Inquiry' ? REQUEST_STATUS_NAMES : CASE_STATE_NAMES;
  if (value === null || known[value] === undefined) return phrase(`autocrm.status.${prefix}Other`, { value: value ?? '—' });
  return phrase(`autocrm.status.${prefix}${String(value).replace('-', 'Minus')}`);
}

/** Which AutoCRM look-ups the merged rule needs before it can decide (each costs requests). */
export function neededLookups(merged: MergedRule): { client: boolean; inquiries: boolean; worksheets: boolean } {
  const f = merged.fields;
  const distinguishesRepeat = f.repeatEntity !== undefined && f.repeatEntity !== f.entity;
  const creates = f.entity !== 'nothing' || (f.repeatEntity !== undefined && f.repeatEntity !== 'nothing');
  return {
    client: creates && (distinguishesRepeat || f.entity === 'worksheet' || f.repeatEntity === 'worksheet'),
    inquiries: creates && (f.inquiryStatuses?.length ?? 0) > 0,
    worksheets: creates && (f.worksheetStates?.length ?? 0) > 0,
  };
}

function statusBlock(merged: MergedRule, lookups: Lookups): Outcome | null {
  const inquiry = lookups.inquiries?.find((i) => merged.fields.inquiryStatuses?.includes(i.status ?? NaN));
  if (inquiry) {
    return { type: 'skip', reason: phrase('pipeline.reason.openInquiry', { id: inquiry.id, status: { said: statusParam('Inquiry', inquiry.status) } }), attachTo: { entity: 'inquiry', id: inquiry.id } };
  }
  const worksheet = lookups.worksheets?.find((w) => merged.fields.worksheetStates?.includes(w.state ?? NaN));
  if (worksheet) {
    return { type: 'skip', reason: phrase('pipeline.reason.openWorksheet', { id: worksheet.id, state: { said: statusParam('Worksheet', worksheet.state) } }), attachTo: { entity: 'worksheet', id: worksheet.id, kind: worksheet.kind } };
  }
  return null;
}

function hoursApply(comm: Communication, hours: HoursSettings): boolean {
  return hours.onlyInWorkingHours && (comm.kind !== 'call' || hours.applyToCalls);
}

function scheduleFor(hours: HoursSettings, responsibleId: number | null): { schedule: WeeklySchedule; responsible: number | null } {
  const own = responsibleId !== null && hours.considerResponsibleHours ? hours.employeeSchedules[String(responsibleId)] : undefined;
  return own ? { schedule: own, responsible: responsibleId } : { schedule: hours.schedule, responsible: null };
}

function taskFor(comm: Communication, merged: MergedRule, responsibleId: number | null, hours: HoursSettings): TaskPlan | null {
  const task = merged.fields.missedTask;
  if (!comm.lost || !task?.enabled) return null;
  const executorId = task.executorId ?? responsibleId;
  const authorId = task.authorId ?? executorId;
  if (executorId === null || executorId === undefined || authorId === null || authorId === undefined) return null;
  // The end of the call or chat: its start plus its total length.
  const seconds = Number(comm.variables.total_duration ?? comm.variables.duration ?? 0);
  const end = DateTime.fromISO(comm.at, { setZone: true }).plus({ seconds: Number.isFinite(seconds) ? seconds : 0 });
  const hoursToAdd = task.hours ?? 2;
  const deadline = hoursApply(comm, hours) ? addWorkingHours(scheduleFor(hours, executorId).schedule, end, hoursToAdd) : end.plus({ hours: hoursToAdd });
  return {
    authorId,
    executorId,
    deadline: deadline.toISO()!,
    titleTemplate: task.title || DEFAULT_TASK_TITLES[ruleKindOf(comm)],
  };
}

/**
 * The decision (docs/decisions.md, "Rules: base and clarifying"), pure: a communication, its rule set, what AutoCRM knows and the clock in,
 * a plan out. The shell does the requests; this says what they are and why.
 */
export function decide({ comm, ruleSet, merged: premerged, lookups, hours, now }: DecideInput): Plan {
  const merged = premerged ?? mergeRules(ruleSet, comm.variables);
  const explanation: Phrase[] = [];
  // The rule's name is the admin's own text: a parameter, never translated.
  const ruleName = merged.matched ? phrase('pipeline.rule.clarifying', { name: merged.matched.name }) : phrase('pipeline.rule.base');
  explanation.push(phrase('pipeline.explain.ruleApplied', { ruleKind: { ruleKind: ruleKindOf(comm) }, rule: { said: ruleName } }));

  const responsibleId = merged.responsibleId ?? lookups.takerUserId;
  explanation.push(
    merged.responsibleId !== null
      ? phrase('pipeline.explain.responsibleFromRule', { user: { user: merged.responsibleId } })
      : responsibleId !== null
        ? phrase('pipeline.explain.responsibleTaker', { user: { user: responsibleId } })
        : phrase('pipeline.explain.responsibleUnknown'),
  );

  const repeat = lookups.client !== undefined && lookups.client !== null;
  const entity: EntityType = (repeat ? (merged.fields.repeatEntity ?? merged.fields.entity) : merged.fields.entity) ?? 'nothing';
  if (lookups.client !== undefined) explanation.push(repeat ? phrase('pipeline.explain.repeatClient', { client: lookups.client!.id }) : phrase('pipeline.explain.firstContact'));

  const task = taskFor(comm, merged, responsibleId, hours);
  const logCall = comm.kind === 'call';
  const plan = (outcome: Outcome): Plan => ({ ruleId: merged.matched?.id ?? null, ruleName, outcome, task, logCall, explanation });

  if (entity === 'nothing') {
    explanation.push(phrase('pipeline.explain.entityNothing'));
    return plan({ type: 'skip', reason: phrase('pipeline.reason.ruleNothing') });
  }

  const blocked = statusBlock(merged, lookups);
  if (blocked) {
    if (blocked.type === 'skip') explanation.push(phrase('pipeline.explain.statusFilter', { reason: { said: blocked.reason } }));
    return plan(blocked);
  }

  if (hoursApply(comm, hours)) {
    const { schedule, responsible } = scheduleFor(hours, responsibleId);
    if (!isOpen(schedule, now)) {
      const until = nextOpening(schedule, now);
      const time = { time: until.toISO()!, zone: schedule.zone };
      const reason =
        responsible === null
          ? phrase('pipeline.reason.closedHours', { time })
          : phrase('pipeline.reason.responsibleOffHours', { user: { user: responsible }, time });
      explanation.push(phrase('pipeline.explain.deferred', { reason: { said: reason } }));
      return { ...plan({ type: 'defer', until: until.toISO()!, reason }), task: null };
    }
  }

  const fields = merged.fields;
  const missing = missingFor(entity, fields, responsibleId !== null);
  if (missing.includes('dealership')) return plan({ type: 'misconfigured', reason: phrase('pipeline.reason.noDealership') });
  if (missing.length > 0 && entity === 'inquiry') return plan({ type: 'misconfigured', reason: phrase('pipeline.reason.inquiryFieldsMissing') });
  if (missing.length > 0 && entity === 'worksheet') return plan({ type: 'misconfigured', reason: phrase('pipeline.reason.worksheetFieldsMissing') });
  explanation.push(phrase('pipeline.explain.creating', { entity: { entity } }));
  return plan({
    type: 'create',
    entity,
    fields,
    responsibleId,
    createClient: entity === 'worksheet' && !repeat,
    templates: fields.templates ?? {},
  });
}
