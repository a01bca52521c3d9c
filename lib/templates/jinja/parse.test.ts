import { describe, expect, it } from 'vitest';
import { availableNames, parseTemplate, renderTemplate } from './index';
import { normaliseSource } from './parse';

describe('syntax errors name a stable key and a 1-based position', () => {
  it.each([
    ['an expression cut short', 'Источник:\n{{ campaign_name or }}', { key: 'template.error.unexpectedToken', line: 2, column: 21 }],
    ['an operator out of place', '{{ 1 +\n\n  * 2 }}', { key: 'template.error.unexpectedToken', line: 3, column: 3 }],
    ['a tag never closed', '{% if is_lost %}без конца', { key: 'template.error.unexpectedEnd', line: 1 }],
    ['an end tag of another block', 'a\n  {% for x in y %}\n{% endif %}', { key: 'template.error.unknownTag', params: { name: 'endif' }, line: 3, column: 4 }],
    ['break needs an extension Jinja2 does not enable by default', '{% for i in x %}{% break %}{% endfor %}', { key: 'template.error.unknownTag', params: { name: 'break' } }],
    ['a tag only nunjucks has', '{% switch x %}{% endswitch %}', { key: 'template.error.unknownTag', params: { name: 'switch' }, line: 1, column: 4 }],
    ['a for filter with else', '{% for x in y if x else z %}{% endfor %}', { key: 'template.error.unexpectedToken', params: { token: 'else' } }],
    ['a slice with four parts', '{{ x[1:2:3:4] }}', { key: 'template.error.syntax', line: 1 }],
    ['include: no loaders', 'a\n{% include "other" %}', { key: 'template.error.notSupported', params: { name: 'include' }, line: 2 }],
  ])('%s', (_name, template, expected) => {
    const parsed = parseTemplate(template);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ kind: 'syntax', ...expected });
    expect(renderTemplate(template, {})).toMatchObject({ ok: false, error: { kind: 'syntax', ...expected } });
  });
});

describe('what the parser adds to nunjucks', () => {
  it('parses slices in every form', () => {
    for (const template of ['{{ x[1:] }}', '{{ x[:2] }}', '{{ x[::-1] }}', '{{ x[1:5:2] }}', '{{ x[-1] }}', '{{ x[:] }}']) {
      expect(parseTemplate(template).ok).toBe(true);
    }
  });

  it('keeps float literals floats and reads items.1 as an index', () => {
    expect(renderTemplate('{{ 2.0 }} {{ 2.50 * 2 }} {{ x.1 }}', { x: ['a', 'b'] })).toEqual({ ok: true, text: '2.0 5.0 b' });
  });

  it('drops one trailing newline and normalises Windows newlines, like Jinja2', () => {
    expect(normaliseSource('a\r\nb\n\n')).toBe('a\nb\n');
    expect(normaliseSource('a\rb\n')).toBe('a\nb');
  });

  it('parses each template text once', () => {
    const template = '{{ cached_once }}';
    const first = parseTemplate(template);
    expect(parseTemplate(template)).toBe(first);
  });
});

describe('runtime errors point at the expression', () => {
  it.each([
    ['an unknown filter', 'line one\n  {{ name | shout }}', { key: 'template.error.unknownFilter', params: { name: 'shout' }, line: 2 }],
    ['an unknown test', '{% if x is shouting %}{% endif %}', { key: 'template.error.unknownTest', params: { name: 'shouting' }, line: 1 }],
    ['calling something that is not callable', '{{ name() }}', { key: 'template.error.notCallable', params: { name: 'name' }, line: 1, column: 4 }],
    ['arithmetic on Undefined', '\n{{ missing + 1 }}', { key: 'template.error.undefinedValue', params: { name: 'missing' }, line: 2 }],
    ['division by zero', '{{ 1 / 0 }}', { key: 'template.error.divisionByZero' }],
    ['None is not iterable', '{% for t in nothing %}{% endfor %}', { key: 'template.error.notIterable', params: { type: 'NoneType' } }],
    ['too many macro arguments', '{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}', { key: 'template.error.tooManyArguments', params: { name: 'm' } }],
    ['an unknown keyword argument', '{% macro m(a) %}{% endmacro %}{{ m(b=2) }}', { key: 'template.error.unexpectedKeyword', params: { name: 'm', keyword: 'b' } }],
    ['attributes of a plain variable', '{% set x = 1 %}{% set x.a = 2 %}', { key: 'template.error.notNamespace' }],
    ['ordering None', '{{ nothing < 1 }}', { key: 'template.error.notComparable', params: { left: 'NoneType', right: 'int' } }],
  ])('%s', (_name, template, expected) => {
    const result = renderTemplate(template, { name: 'Анна', nothing: null });
    expect(result).toMatchObject({ ok: false, error: { kind: 'runtime', ...expected } });
    if (!result.ok) expect(result.error.message).not.toBe('');
  });
});

describe('availableNames', () => {
  it('lists what a render accepts, so the lint and the interpreter agree', () => {
    const names = availableNames();
    for (const filter of names.filters) expect(renderTemplate(`{{ 1 | ${filter} }}`, {})).not.toMatchObject({ error: { key: 'template.error.unknownFilter' } });
    for (const test of names.tests) expect(renderTemplate(`{{ 1 is ${test} }}`, {})).not.toMatchObject({ error: { key: 'template.error.unknownTest' } });
    expect(names.globals).toEqual(expect.arrayContaining(['range', 'dict', 'namespace', 'cycler', 'joiner']));
    expect(names.methods.str).toContain('split');
    expect(renderTemplate('{{ 1 | no_such_filter }}', {})).toMatchObject({ ok: false, error: { key: 'template.error.unknownFilter' } });
  });
});
