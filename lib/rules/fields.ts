import type { RuleKind } from '../domain/communication';

/** A field a clarifying rule can test, with where its choices come from (a live dictionary or a fixed list). */
export interface ConditionField {
  field: string;
  /** The field's name as the admin knows it: a _locales key (`ruleField_…`). */
  label: string;
  choices?: 'scenarios' | 'sites' | 'campaigns' | 'virtualNumbers' | 'tags' | FixedChoice[];
  boolean?: boolean;
}

/** A value of a fixed list: its id, its _locales key when it has words, and its name as data (chat channels are shown by id). */
export interface FixedChoice<Id extends string | number = string> {
  id: Id;
  name: string;
  label?: string;
}

const label = (key: string) => ({ label: key });
const choice = <Id extends string | number>(id: Id, key: string): FixedChoice<Id> => ({ id, name: String(id), label: key });

const CALL_SOURCES = [
  choice('call_tracking', 'callSource_call_tracking'),
  choice('dynamic_call_tracking', 'callSource_dynamic_call_tracking'),
  choice('sitephone', 'callSource_sitephone'),
  choice('omni_widget', 'callSource_omni_widget'),
  choice('va', 'callSource_va'),
  choice('callapi', 'callSource_callapi'),
  choice('lead', 'callSource_lead'),
  choice('auto_back_call_by_lost_call', 'callSource_auto_back_call_by_lost_call'),
];

const CHAT_CHANNELS = ['whatsapp', 'telegram', 'telegram_private', 'vkontakte_groups', 'viber', 'avito', 'auto_ru', 'comagic', 'yandex.dialogs', 'facebook'].map((id) => ({ id, name: id }));

const marketing: ConditionField[] = [
  { field: 'site_id', ...label('ruleField_site_id'), choices: 'sites' },
  { field: 'campaign_id', ...label('ruleField_campaign_id'), choices: 'campaigns' },
  { field: 'tag_id', ...label('ruleField_tag_id'), choices: 'tags' },
  { field: 'utm_source', ...label('ruleField_utm_source') },
  { field: 'utm_medium', ...label('ruleField_utm_medium') },
  { field: 'utm_campaign', ...label('ruleField_utm_campaign') },
  { field: 'channel', ...label('ruleField_channel') },
];

export const CONDITION_FIELDS: Record<RuleKind, ConditionField[]> = {
  incomingCalls: [
    { field: 'scenario_id', ...label('ruleField_scenario_id'), choices: 'scenarios' },
    { field: 'source', ...label('ruleField_source'), choices: CALL_SOURCES },
    { field: 'virtual_phone_number', ...label('ruleField_virtual_phone_number'), choices: 'virtualNumbers' },
    { field: 'is_lost', ...label('ruleField_is_lost'), boolean: true },
    ...marketing,
  ],
  outgoingCalls: [
    { field: 'virtual_phone_number', ...label('ruleField_virtual_phone_number'), choices: 'virtualNumbers' },
    { field: 'source', ...label('ruleField_source_callsource'), choices: CALL_SOURCES },
    { field: 'is_lost', ...label('ruleField_is_lost_notreached'), boolean: true },
    { field: 'tag_id', ...label('ruleField_tag_id'), choices: 'tags' },
  ],
  chats: [
    { field: 'chat_channel_type', ...label('ruleField_chat_channel_type'), choices: CHAT_CHANNELS },
    { field: 'chat_channel_name', ...label('ruleField_chat_channel_name') },
    { field: 'status', ...label('ruleField_status'), choices: [choice('succeed', 'chatStatus_succeed'), choice('lost', 'chatStatus_lost'), choice('refused', 'chatStatus_refused')] },
    ...marketing,
  ],
  leads: [
    { field: 'form_name', ...label('ruleField_form_name') },
    { field: 'form_type', ...label('ruleField_form_type'), choices: [choice('custom', 'formType_custom'), choice('standard', 'formType_standard'), choice('DataAPI', 'formType_DataAPI')] },
    ...marketing,
  ],
};

export const CONTACT_TYPE_CHOICES = [
  choice(5, 'contactType_5'),
  choice(7, 'contactType_7'),
  choice(11, 'contactType_11'),
  choice(12, 'contactType_12'),
];
