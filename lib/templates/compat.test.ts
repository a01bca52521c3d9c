import { describe, expect, test } from 'vitest';
import { bothLanguages } from '../locale-catalog';
import { lint, render } from './engine';
import type { TemplateContext } from './render-protocol';

/**
 * What admins write, with the output each gives here: Jinja2's own (python3-jinja2 3.1,
 * SandboxedEnvironment), except where a case names the product's documented choice (null prints as
 * empty; `default` also covers null). The full corpus is tests/templates/.
 */
const ctx: TemplateContext = {
  campaign_name: 'Яндекс.Директ — Haval Jolion',
  empty_campaign: null,
  utm_source: 'yandex',
  utm_campaign: 'haval_jolion_2026',
  utm_medium: '',
  visitor_name: '  Мария Ивановна  ',
  contact_phone_number: '79123456789',
  start_time: '2026-11-24 09:05:00',
  talk_duration: 187,
  is_lost: false,
  tags: [{ tag_id: 601, tag_name: 'Целевой' }, { tag_id: 602, tag_name: 'Сервис' }],
  text: 'Хочу записаться на тест-драйв Haval Jolion в субботу утром',
};

const CASES: [what: string, template: string, expected: string][] = [
  ['a variable', '{{ utm_source }}', 'yandex'],
  ['Cyrillic text and variables', 'Источник: {{ campaign_name }}', 'Источник: Яндекс.Директ — Haval Jolion'],
  ['a missing variable is empty (Jinja2: empty too)', '[{{ no_such_variable }}]', '[]'],
  ['a null is empty (Jinja2 would print None)', '[{{ empty_campaign }}]', '[]'],
  ['or gives a default for null', '{{ empty_campaign or "Дефолтный источник" }}', 'Дефолтный источник'],
  ['or gives a default for an empty string', '{{ utm_medium or "не указан" }}', 'не указан'],
  ['or keeps a value', '{{ campaign_name or "Дефолтный источник" }}', 'Яндекс.Директ — Haval Jolion'],
  ['if / else', '{% if is_lost %}Пропущенный{% else %}Принятый{% endif %}', 'Принятый'],
  ['if / elif', '{% if utm_source == "google" %}G{% elif utm_source == "yandex" %}Я{% else %}?{% endif %}', 'Я'],
  ['inline if', '{{ "потерян" if is_lost else "принят" }}', 'принят'],
  ['~ concatenation', '{{ utm_source ~ " / " ~ utm_campaign }}', 'yandex / haval_jolion_2026'],
  ['~ with a number', '{{ "Разговор " ~ talk_duration ~ " с" }}', 'Разговор 187 с'],
  ['default for a missing variable', '{{ no_such | default("сайт") }}', 'сайт'],
  ['default for null (the product\'s choice: Jinja2 keeps None)', '{{ empty_campaign | default("сайт") }}', 'сайт'],
  ['default keeps an empty string unless asked', '[{{ utm_medium | default("x") }}]', '[]'],
  ['default(…, true) also replaces an empty string', '{{ utm_medium | default("x", true) }}', 'x'],
  ['upper', '{{ utm_campaign | upper }}', 'HAVAL_JOLION_2026'],
  ['upper on Cyrillic', '{{ "обращение" | upper }}', 'ОБРАЩЕНИЕ'],
  ['lower', '{{ "ЯНДЕКС" | lower }}', 'яндекс'],
  ['capitalize', '{{ "яндекс директ" | capitalize }}', 'Яндекс директ'],
  ['title', '{{ "петрова анна" | title }}', 'Петрова Анна'],
  ['replace', '{{ utm_campaign | replace("_", " ") }}', 'haval jolion 2026'],
  ['truncate keeps whole words, with Jinja2\'s leeway of 5', '{{ text | truncate(30) }}', 'Хочу записаться на...'],
  ['truncate without keeping words', '{{ text | truncate(10, true, "…") }}', 'Хочу запи…'],
  ['trim', '[{{ visitor_name | trim }}]', '[Мария Ивановна]'],
  ['length', '{{ tags | length }}', '2'],
  ['join of attributes', '{{ tags | join(", ", "tag_name") }}', 'Целевой, Сервис'],
  ['for over tags', '{% for t in tags %}{{ t.tag_name }}{% if not loop.last %}; {% endif %}{% endfor %}', 'Целевой; Сервис'],
  ['first', '{{ (tags | first).tag_name }}', 'Целевой'],
  ['phone', '{{ contact_phone_number | phone }}', '+7 (912) 345-67-89'],
  ['phone of 8-prefixed input', '{{ "8 912 345 67 89" | phone }}', '+7 (912) 345-67-89'],
  ['date with a format', '{{ start_time | date("dd.MM.yyyy") }}', '24.11.2026'],
  ['date in another zone (Moscow report time in Yekaterinburg)', '{{ start_time | date("HH:mm", "Asia/Yekaterinburg", "Europe/Moscow") }}', '11:05'],
  ['duration as mm:ss', '{{ talk_duration | duration }}', '03:07'],
  ['set and use', '{% set who = visitor_name | trim %}Клиент {{ who }}', 'Клиент Мария Ивановна'],
  ['a comment is dropped', 'А{# заметка #}Б', 'АБ'],
  ['whitespace control', '{% if true -%}  да  {%- endif %}', 'да'],
  ['arithmetic', '{{ (talk_duration / 60) | round(1) }} мин', '3.1 мин'],
];

describe('compatibility: what admins write', () => {
  test.each(CASES)('%s: %s → %s', (_, template, expected) => {
    expect(render({ template, context: ctx })).toEqual({ ok: true, text: expected });
  });
});

describe('safety: a template cannot reach code through the prototype chain', () => {
  test.each([
    ['{{ "".constructor.constructor("return 1")() }}'],
    ['{{ range.constructor("return 2")() }}'],
    ['{{ cycler.constructor("return typeof process")() }}'],
    ['{% set f = joiner["constructor"] %}{{ f("return 3")() }}'],
    ['{{ tags.__proto__ }}'],
    ['{{ tags["__proto__"]["constructor"] }}'],
    ['{{ campaign_name.constructor.prototype }}'],
    ['{{ constructor }}'],
  ])('%s reaches nothing: it fails or prints nothing', (template) => {
    const result = render({ template, context: ctx });
    expect(result.ok ? result.text : '').toBe('');
  });

  test('the context of one render does not leak into the next', () => {
    render({ template: '{% set campaign_name = "подмена" %}{{ campaign_name }}', context: ctx });
    expect(render({ template: '{{ campaign_name }}', context: ctx })).toEqual({ ok: true, text: 'Яндекс.Директ — Haval Jolion' });
  });
});

describe('lint while typing', () => {
  test('a syntax error with its line and column', () => {
    expect(lint('Источник:\n{{ campaign_name or }}', 'call').error).toMatchObject({ kind: 'syntax', line: 2, column: 21 });
    expect(lint('{% if is_lost %}без конца', 'call').error).toMatchObject({ kind: 'syntax', line: 1 });
  });

  test('an unknown filter or test is an error at its position, with a key the UI words', () => {
    expect(lint('{{ campaign_name | uppercase }}', 'call').error).toMatchObject({ key: 'template.error.unknownFilter', params: { name: 'uppercase' }, line: 1, column: 20 });
    expect(lint('{% if talk_duration is odd %}{% endif %}', 'call').error).toBeNull();
    expect(lint('{% if talk_duration is evn %}{% endif %}', 'call').error).toMatchObject({ key: 'template.error.unknownTest', params: { name: 'evn' } });
    expect(lint('{% if x is divisibleby(3) %}{% endif %}', 'call').error).toBeNull();
  });

  test('test names, keyword arguments, globals and macro parameters are not variables', () => {
    const result = lint('{% macro m(a, sep=", ") %}{{ a }}{{ sep }}{% endmacro %}{{ m(tags, sep="; ") }}{% set ns = namespace(n=0) %}{% for k, v in tags %}{{ k }}{{ v }}{% endfor %}{{ talk_duration is divisibleby(60) }}{{ range(3) | join }}', 'call');
    expect(result.error).toBeNull();
    expect(result.variables).toEqual(['tags', 'talk_duration']);
    // Slices, namespace attributes, loop filters and call-block parameters.
    const jinja = lint('{{ tags[1:] | length }}{% set ns = namespace(n=0) %}{% for t in tags if t.tag_name %}{% set ns.n = ns.n + 1 %}{{ loop.cycle("a", "b") }}{% else %}нет{% endfor %}{{ ns.n }}{% call(x) m() %}{{ x }}{% endcall %}', 'call');
    expect(jinja.error).toBeNull();
    expect(jinja.variables).toEqual(['tags', 'm']);
  });

  test('variables the kind does not have are warnings; bound names, loop and filters are not', () => {
    const result = lint('{% for t in tags %}{{ t.tag_name }}{{ loop.index }}{% endfor %}{% set x = 1 %}{{ x }}{{ chat_channel_name | upper }}{{ campaign_nme }}', 'call');
    expect(result.error).toBeNull();
    expect(result.variables).toEqual(['tags', 'chat_channel_name', 'campaign_nme']);
    expect(result.warnings.map((w) => [w.name, w.reason])).toEqual([['chat_channel_name', 'unknown'], ['campaign_nme', 'unknown']]);
    expect(lint('{{ chat_channel_name }}', 'chat').warnings).toEqual([]);
  });

  test('notification-only variables are flagged: they are empty in report-based processing', () => {
    expect(lint('{{ notification_name }} {{ leg_id }}', 'call').warnings.map((w) => w.reason)).toEqual(['notification-only', 'notification-only']);
  });

  test('a variable the kind\'s report never fills is flagged: visitor_name in a chat, talk time of a lead', () => {
    const chat = lint('{{ visitor_name or "посетитель" }} {{ chat_channel_name }} {{ utm_referrer }}', 'chat').warnings;
    expect(chat.map((w) => [w.name, w.reason])).toEqual([['visitor_name', 'unavailable'], ['utm_referrer', 'unavailable']]);
    expect(bothLanguages(chat[0]!).ru).toContain('get.chats_report');
    expect(lint('{{ visitor_name }}', 'lead').warnings).toEqual([]);
    expect(lint('{{ talk_duration_mmss }}', 'lead').warnings.map((w) => w.reason)).toEqual(['unavailable']);
    expect(lint('{{ talk_duration_mmss }} {{ contact_full_name }}', 'call').warnings).toEqual([]);
  });
});
