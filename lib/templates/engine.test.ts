import { describe, expect, test } from 'vitest';
import { inProcessRenderer, render } from './engine';
import type { TemplateContext } from './render-protocol';

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
    ['{{ utm_source ~ " / " ~ utm_campaign }}', { utm_source: 'yandex', utm_campaign: null }, 'yandex / '],
    ['{{ site_domain_name | default("сайт не указан") }}', { site_domain_name: null }, 'сайт не указан'],
    ['{% if is_lost %}Пропущенный{% else %}Принятый{% endif %} звонок', { is_lost: true }, 'Пропущенный звонок'],
    ['{% if tags %}теги{% else %}без тегов{% endif %}', { tags: [] }, 'без тегов'],
    ['{{ is_lost }}', { is_lost: true }, 'True'],
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
    text('{% set _ = tags.append("b") %}{{ tags | join(",") }}', context);
    expect(context.tags).toEqual(['a']);
  });

  test('the pipeline’s renderer is the same interpreter, answering synchronously', () => {
    expect(inProcessRenderer.render({ template: '{{ 1 + 1 }}', context: {} })).toEqual({ ok: true, text: '2' });
  });
});

describe('errors are data with a stable key and a 1-based position', () => {
  test('an unclosed tag is a syntax error', () => {
    const result = render({ template: 'Источник: {{ utm_source ', context: {} });
    expect(result).toMatchObject({ ok: false, error: { kind: 'syntax', key: expect.stringMatching(/^template\.error\./), line: 1 } });
  });

  test('a stray token is reported where it stands', () => {
    expect(render({ template: 'строка 1\n{{ b + }}', context: {} })).toMatchObject({ ok: false, error: { kind: 'syntax', line: 2 } });
  });

  test('an unknown filter names it', () => {
    const result = render({ template: '{{ a | nofilter }}', context: {} });
    expect(result).toMatchObject({ ok: false, error: { key: 'template.error.unknownFilter', params: { name: 'nofilter' } } });
  });

  test('a runaway template stops on its fuel, the same way every time', () => {
    const template = '{% for i in range(10000) %}{% for j in range(10000) %}{{ j }}{% endfor %}{% endfor %}';
    const first = render({ template, context: {} });
    expect(first).toMatchObject({ ok: false, error: { kind: expect.stringMatching(/^(timeout|too-long)$/) } });
    expect(render({ template, context: {} })).toEqual(first);
  });
});
