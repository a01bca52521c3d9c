import type { RuleKind } from '../domain/communication';
import type { RuleFields, Rules, TemplateFields } from './schema';

/**
 * Default templates for every field and title, adapted from the original product's defaults to AutoCRM's
 * entities (docs/decisions.md, "Defaults until an admin configures rules" and "Template variables").
 */
export const DEFAULT_TEMPLATES: Record<RuleKind, Required<TemplateFields>> = {
  incomingCalls: {
    comment: 'Входящий звонок с {{ client_phone }} на {{ virtual_phone_number | phone }}{% if scenario_name %}, сценарий «{{ scenario_name }}»{% endif %}{% if talk_duration_mmss %}, разговор {{ talk_duration_mmss }}{% endif %}{% if tag_names %}, теги: {{ tag_names }}{% endif %}. CallGear, {{ start_time_local }}',
    source: '{{ campaign_name or "Телефония CallGear" }}',
    subSource: '{{ utm_campaign or "" }}',
    title: 'Новое обращение по звонку с {{ client_phone }} из CallGear',
  },
  outgoingCalls: {
    comment: 'Исходящий звонок на {{ client_phone }}{% if talk_duration_mmss %}, разговор {{ talk_duration_mmss }}{% endif %}. CallGear, {{ start_time_local }}',
    source: '{{ campaign_name or "Телефония CallGear" }}',
    subSource: '',
    title: 'Новое обращение по звонку на {{ client_phone }} из CallGear',
  },
  chats: {
    comment: 'Чат из канала «{{ chat_channel_name }}»: {{ chat_username or "посетитель" }}{% if client_phone %}, {{ client_phone }}{% endif %}, сообщений: {{ messages_count }}. CallGear, {{ start_time_local }}',
    source: '{{ campaign_name or chat_channel_name or "Чаты CallGear" }}',
    subSource: '{{ utm_campaign or "" }}',
    title: 'Новое обращение по чату {{ visitor_id }} из канала {{ chat_channel_name }}',
  },
  leads: {
    comment: 'Заявка «{{ form_name }}» с {{ site_domain_name or "сайта" }}: {{ text }}{% if visitor_name %} — {{ visitor_name }}{% endif %}{% if client_phone %}, {{ client_phone }}{% endif %}',
    source: '{{ campaign_name or site_domain_name or "Заявки CallGear" }}',
    subSource: '{{ utm_campaign or "" }}',
    title: 'Новое обращение по заявке {{ communication_id }} из CallGear',
  },
};

export const DEFAULT_TASK_TITLES: Record<RuleKind, string> = {
  incomingCalls: 'Перезвонить: пропущенный звонок с {{ client_phone }}',
  outgoingCalls: 'Перезвонить: недозвон на {{ client_phone }}',
  chats: 'Ответить: пропущенный чат {{ chat_username or visitor_phone_number or visitor_id }} из канала {{ chat_channel_name }}',
  leads: 'Обработать заявку {{ communication_id }} из CallGear',
};

/**
 * Until an admin configures them, rules create inquiries but name no dealership, so items stop as
 * "needs a fix" (nothing lost) and a retry after configuring creates them.
 */
const base = (kind: RuleKind, contactType: number): RuleFields => ({
  entity: 'inquiry',
  contactType,
  clientType: 'individual',
  templates: { comment: DEFAULT_TEMPLATES[kind].comment, source: DEFAULT_TEMPLATES[kind].source, subSource: DEFAULT_TEMPLATES[kind].subSource },
});

export function defaultRules(): Rules {
  return {
    incomingCalls: { base: base('incomingCalls', 5), clarifying: [] },
    outgoingCalls: { base: base('outgoingCalls', 5), clarifying: [] },
    chats: { base: base('chats', 11), clarifying: [] },
    leads: { base: base('leads', 11), clarifying: [] },
  };
}
