import { DateTime } from 'luxon';
import { ruleKindOf, type Communication } from '../domain/communication';
import { missingFor } from '../rules/readiness';
import { mergeRules, type MergedRule } from '../rules/merge';
import type { EntityType, RuleSet } from '../rules/schema';
import { addWorkingHours, nextOpening, isOpen, type WeeklySchedule } from '../schedule/working-hours';
import { CASE_STATE_NAMES, REQUEST_STATUS_NAMES } from '../autocrm/types';
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

export const ENTITY_NAMES: Record<EntityType, string> = {
  inquiry: 'обращение',
  serviceInquiry: 'сервисное обращение',
  worksheet: 'рабочий лист',
  nothing: 'ничего',
};

const inquiryStatusName = (status: number | null) => REQUEST_STATUS_NAMES[status ?? NaN] ?? `статус ${status}`;
const caseStateName = (state: number | null) => CASE_STATE_NAMES[state ?? NaN] ?? `состояние ${state}`;

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
    return { type: 'skip', reason: `у клиента есть обращение #${inquiry.id}, статус «${inquiryStatusName(inquiry.status)}»`, attachTo: { entity: 'inquiry', id: inquiry.id } };
  }
  const worksheet = lookups.worksheets?.find((w) => merged.fields.worksheetStates?.includes(w.state ?? NaN));
  if (worksheet) {
    return { type: 'skip', reason: `у клиента есть рабочий лист #${worksheet.id}, состояние «${caseStateName(worksheet.state)}»`, attachTo: { entity: 'worksheet', id: worksheet.id, kind: worksheet.kind } };
  }
  return null;
}

function hoursApply(comm: Communication, hours: HoursSettings): boolean {
  return hours.onlyInWorkingHours && (comm.kind !== 'call' || hours.applyToCalls);
}

function scheduleFor(hours: HoursSettings, responsibleId: number | null): { schedule: WeeklySchedule; whose: string } {
  const own = responsibleId !== null && hours.considerResponsibleHours ? hours.employeeSchedules[String(responsibleId)] : undefined;
  return own ? { schedule: own, whose: `ответственного (#${responsibleId})` } : { schedule: hours.schedule, whose: 'интеграции' };
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
  const explanation: string[] = [];
  const ruleName = merged.matched ? `уточняющее правило «${merged.matched.name}»` : 'базовое правило';
  explanation.push(`Набор правил: ${ruleKindOf(comm)}; применено ${ruleName}.`);

  const responsibleId = merged.responsibleId ?? lookups.takerUserId;
  explanation.push(
    merged.responsibleId !== null
      ? `Ответственный из правила: #${merged.responsibleId}.`
      : responsibleId !== null
        ? `Ответственный — сотрудник, принявший обращение: #${responsibleId}.`
        : 'Ответственный не определён: в правиле пусто, принявший сотрудник не сопоставлен с пользователем AutoCRM.',
  );

  const repeat = lookups.client !== undefined && lookups.client !== null;
  const entity: EntityType = (repeat ? (merged.fields.repeatEntity ?? merged.fields.entity) : merged.fields.entity) ?? 'nothing';
  if (lookups.client !== undefined) explanation.push(repeat ? `Повторное обращение: клиент #${lookups.client!.id} найден.` : 'Первичное обращение: клиента с этим номером нет.');

  const task = taskFor(comm, merged, responsibleId, hours);
  const logCall = comm.kind === 'call';
  const plan = (outcome: Outcome): Plan => ({ ruleId: merged.matched?.id ?? null, ruleName, outcome, task, logCall, explanation });

  if (entity === 'nothing') {
    explanation.push('Тип сущности «ничего»: в AutoCRM ничего не создаётся.');
    return plan({ type: 'skip', reason: 'правило: ничего не создавать' });
  }

  const blocked = statusBlock(merged, lookups);
  if (blocked) {
    explanation.push(`Фильтр по статусам: ${blocked.type === 'skip' ? blocked.reason : ''}.`);
    return plan(blocked);
  }

  if (hoursApply(comm, hours)) {
    const { schedule, whose } = scheduleFor(hours, responsibleId);
    if (!isOpen(schedule, now)) {
      const until = nextOpening(schedule, now);
      const reason = `нерабочее время ${whose}; создадим ${until.toFormat('dd.MM.yyyy HH:mm')} (${schedule.zone})`;
      explanation.push(`Отложено: ${reason}.`);
      return { ...plan({ type: 'defer', until: until.toISO()!, reason }), task: null };
    }
  }

  const fields = merged.fields;
  const missing = missingFor(entity, fields, responsibleId !== null);
  if (missing.includes('dealership')) return plan({ type: 'misconfigured', reason: 'в правиле не выбран автосалон' });
  if (missing.length > 0 && entity === 'inquiry') {
    return plan({ type: 'misconfigured', reason: 'для обращения в правиле нужны тип обращения и цель обращения' });
  }
  if (missing.length > 0 && entity === 'worksheet') {
    return plan({ type: 'misconfigured', reason: 'для рабочего листа AutoCRM требует марку, модель и ответственного' });
  }
  explanation.push(`Создаём: ${ENTITY_NAMES[entity]}.`);
  return plan({
    type: 'create',
    entity,
    fields,
    responsibleId,
    createClient: entity === 'worksheet' && !repeat,
    templates: fields.templates ?? {},
  });
}
