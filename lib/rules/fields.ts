import type { RuleKind } from '../domain/communication';

/** A field a clarifying rule can test, with where its choices come from (a live dictionary or a fixed list). */
export interface ConditionField {
  field: string;
  ru: string;
  en: string;
  choices?: 'scenarios' | 'sites' | 'campaigns' | 'virtualNumbers' | 'tags' | { id: string; name: string }[];
  boolean?: boolean;
}

const CALL_SOURCES = [
  { id: 'call_tracking', name: 'Коллтрекинг' },
  { id: 'dynamic_call_tracking', name: 'Динамический коллтрекинг' },
  { id: 'sitephone', name: 'Виджет «Сайтфон» (обратный звонок)' },
  { id: 'omni_widget', name: 'Омниканальный виджет' },
  { id: 'va', name: 'Виртуальная АТС' },
  { id: 'callapi', name: 'Call API' },
  { id: 'lead', name: 'Звонок по заявке' },
  { id: 'auto_back_call_by_lost_call', name: 'Автоперезвон по потерянному' },
];

const CHAT_CHANNELS = ['whatsapp', 'telegram', 'telegram_private', 'vkontakte_groups', 'viber', 'avito', 'auto_ru', 'comagic', 'yandex.dialogs', 'facebook'].map((id) => ({ id, name: id }));

const marketing: ConditionField[] = [
  { field: 'site_id', ru: 'Сайт', en: 'Site', choices: 'sites' },
  { field: 'campaign_id', ru: 'Рекламная кампания', en: 'Ad campaign', choices: 'campaigns' },
  { field: 'tag_id', ru: 'Тег', en: 'Tag', choices: 'tags' },
  { field: 'utm_source', ru: 'UTM Source', en: 'UTM source' },
  { field: 'utm_medium', ru: 'UTM Medium', en: 'UTM medium' },
  { field: 'utm_campaign', ru: 'UTM Campaign', en: 'UTM campaign' },
  { field: 'channel', ru: 'Канал трафика', en: 'Traffic channel' },
];

export const CONDITION_FIELDS: Record<RuleKind, ConditionField[]> = {
  incomingCalls: [
    { field: 'scenario_id', ru: 'Сценарий (IVR)', en: 'Scenario (IVR)', choices: 'scenarios' },
    { field: 'source', ru: 'Источник звонка / виджет', en: 'Call source / widget', choices: CALL_SOURCES },
    { field: 'virtual_phone_number', ru: 'Виртуальный номер', en: 'Virtual number', choices: 'virtualNumbers' },
    { field: 'is_lost', ru: 'Потерянный звонок', en: 'Lost call', boolean: true },
    ...marketing,
  ],
  outgoingCalls: [
    { field: 'virtual_phone_number', ru: 'Виртуальный номер', en: 'Virtual number', choices: 'virtualNumbers' },
    { field: 'source', ru: 'Источник звонка', en: 'Call source', choices: CALL_SOURCES },
    { field: 'is_lost', ru: 'Недозвон', en: 'Not reached', boolean: true },
    { field: 'tag_id', ru: 'Тег', en: 'Tag', choices: 'tags' },
  ],
  chats: [
    { field: 'chat_channel_type', ru: 'Канал чата', en: 'Chat channel', choices: CHAT_CHANNELS },
    { field: 'chat_channel_name', ru: 'Название канала', en: 'Channel name' },
    { field: 'status', ru: 'Статус чата', en: 'Chat status', choices: [{ id: 'succeed', name: 'Состоялся' }, { id: 'lost', name: 'Потерян' }, { id: 'refused', name: 'Отклонён' }] },
    ...marketing,
  ],
  leads: [
    { field: 'form_name', ru: 'Название формы', en: 'Form name' },
    { field: 'form_type', ru: 'Тип формы', en: 'Form type', choices: [{ id: 'custom', name: 'Пользовательская' }, { id: 'standard', name: 'Стандартная' }, { id: 'DataAPI', name: 'Data API' }] },
    ...marketing,
  ],
};

export const CONTACT_TYPE_CHOICES = [
  { id: 5, name: 'Звонок' },
  { id: 7, name: 'Визит' },
  { id: 11, name: 'Интернет' },
  { id: 12, name: 'Холодный звонок' },
];
