import nunjucks from 'nunjucks';
import { describe, expect, test } from 'vitest';
import { MAX_RANGE_ITEMS, createTemplateEngine } from './engine';
import type { TemplateContext } from './render-protocol';

// The same engine the sandbox page runs, here with Node's nunjucks.
const { render } = createTemplateEngine(nunjucks);
const text = (template: string, context: TemplateContext = {}, maxLength?: number) => {
  const result = render({ template, context, maxLength });
  if (!result.ok) throw new Error(`render failed: ${result.error.message}`);
  return result.text;
};

describe('what admins write', () => {
  test.each<[string, TemplateContext, string]>([
    ['{{ campaign_name or "Дефолтный источник" }}', { campaign_name: null }, 'Дефолтный источник'],
    ['{{ campaign_name or "Дефолтный источник" }}', {}, 'Дефолтный источник'],
    ['{{ campaign_name or "Дефолтный источник" }}', { campaign_name: 'Яндекс.Директ' }, 'Яндекс.Директ'],
    ['{{ campaign_name }}', { campaign_name: null }, ''],
    ['{{ utm_source }} / {{ utm_campaign }}', { utm_source: 'yandex', utm_campaign: 'haval_jolion' }, 'yandex / haval_jolion'],
    ['{{ site_domain_name | default("сайт не указан") }}', { site_domain_name: null }, 'сайт не указан'],
    ['{% if is_lost %}Пропущенный{% else %}Принятый{% endif %} звонок', { is_lost: true }, 'Пропущенный звонок'],
    ['{{ "Звонок с " ~ (contact_phone_number | phone) }}', { contact_phone_number: '79123456789' }, 'Звонок с +7 (912) 345-67-89'],
    ['{{ talk_duration | duration }}', { talk_duration: 187 }, '03:07'],
    ['{{ start_time | date("dd.MM.yyyy HH:mm") }}', { start_time: '2026-11-24 09:05:00' }, '24.11.2026 09:05'],
  ])('%s with %j → %s', (template, context, expected) => {
    expect(text(template, context)).toBe(expected);
  });

  test('output is cut to the field limit', () => {
    expect(text('{{ x }}', { x: 'абвгдеёжз' }, 4)).toBe('абвг');
  });

  test('the context is copied: a template cannot change the caller’s data', () => {
    const context: TemplateContext = { tags: ['a'] };
    text('{% set _ = tags.push("b") %}{{ tags | join(",") }}', context);
    expect(context.tags).toEqual(['a']);
  });
});

describe('errors', () => {
  test('an unclosed tag is a syntax error at the end of the template', () => {
    expect(render({ template: 'Источник: {{ utm_source ', context: {} })).toEqual({
      ok: false,
      error: { kind: 'syntax', message: 'expected variable end', line: 1, column: 24 },
    });
  });

  test('a stray token is reported with nunjucks’ own position', () => {
    expect(render({ template: 'строка 1\n{{ b + }}', context: {} })).toMatchObject({ ok: false, error: { kind: 'syntax', line: 2, column: 8 } });
  });

  test('an unknown filter is a runtime error that names it', () => {
    const result = render({ template: '{{ a | nofilter }}', context: {} });
    expect(result).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'filter not found: nofilter' } });
  });

  test('range() refuses sizes that would hang the sandbox', () => {
    const result = render({ template: `{% for i in range(${MAX_RANGE_ITEMS + 1}) %}{% endfor %}`, context: {} });
    expect(result).toMatchObject({ ok: false, error: { kind: 'runtime' } });
    expect(text('{% for i in range(3) %}{{ i }}{% endfor %}')).toBe('012');
  });
});
