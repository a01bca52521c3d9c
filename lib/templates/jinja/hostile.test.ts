import { afterEach, describe, expect, it } from 'vitest';
import { renderTemplate, type KeyedRenderResult as RenderResult, type RenderOptions } from './index';
import type { TemplateContext } from '../render-protocol';

/*
 * Templates come from admins and from imported configuration files, so each of these is an attack
 * or a mistake. None may run JavaScript, reach a JS function or hang: each ends with an error that
 * has a stable key, or with harmless text.
 */

const marker = globalThis as { pwned?: unknown };
const PAYLOAD = '"globalThis.pwned = 1"';

function render(template: string, context: object = {}, options?: RenderOptions): RenderResult {
  return renderTemplate(template, context as TemplateContext, options);
}

/** Harmless: an error with a key, or text that shows no JS source or function. */
function expectHarmless(result: RenderResult): void {
  expect(marker.pwned).toBeUndefined();
  if (result.ok) expect(result.text).not.toMatch(/native code|function|=>|\[object /);
  else expect(result.error).toMatchObject({ key: expect.stringMatching(/^template\.error\./) });
}

afterEach(() => {
  delete marker.pwned;
});

const context = { tags: ['a'], campaign_name: 'Яндекс', d: { k: 'v' } };

describe('no path from a template to a JS function', () => {
  it.each([
    `{{ "".constructor.constructor(${PAYLOAD})() }}`,
    `{{ range.constructor(${PAYLOAD})() }}`,
    `{{ cycler.constructor(${PAYLOAD})() }}`,
    `{% set f = joiner["constructor"] %}{{ f(${PAYLOAD})() }}`,
    '{{ tags.__proto__ }}',
    '{{ tags["__proto__"]["constructor"] }}',
    '{{ campaign_name.constructor.prototype }}',
    `{{ constructor(${PAYLOAD})() }}`,
    '{{ constructor }}{{ __proto__ }}{{ toString }}{{ hasOwnProperty }}{{ valueOf }}',
    `{{ toString.constructor(${PAYLOAD})() }}`,
    '{{ cycler("a").__init__ }}',
    '{% for x in [1] %}{{ loop.__class__ }}{{ loop.constructor }}{{ loop.attribute }}{{ loop.items }}{% endfor %}',
    '{% macro m() %}x{% endmacro %}{{ m.constructor }}{{ m.run }}{{ m.call }}{{ m.name }}',
    `{% macro m() %}x{% endmacro %}{{ m.call.constructor(${PAYLOAD})() }}`,
    '{{ x.__class__.__mro__ }}',
    '{{ self }}{{ self.__init__ }}',
    `{{ tags.append.constructor(${PAYLOAD})() }}`,
    `{{ d.get.constructor(${PAYLOAD})() }}`,
    "{{ d.get('constructor') }}{{ d.get('__proto__') }}{{ d['constructor'] }}",
    "{{ d.items().constructor }}{{ d.keys().__proto__ }}",
    "{{ {'__proto__': {'x': 1}}.x }}{{ {'constructor': 1}.constructor }}",
    "{{ d | attr('constructor') }}",
    "{{ tags | map(attribute='constructor') | list }}",
    "{{ [d] | selectattr('constructor') | list }}",
    '{{ x | constructor }}',
    '{{ x is constructor }}',
    '{{ x is toString }}',
    '{% set ns = namespace() %}{% set ns.constructor = 1 %}{{ ns.constructor }}',
  ])('%s', (template) => {
    expectHarmless(render(template, context));
  });

  it('cannot write into a prototype', () => {
    expectHarmless(render('{% set tags.__proto__.polluted = 1 %}', context));
    expectHarmless(render("{% set x = dict(__proto__={'polluted': 1}) %}{{ x.polluted }}", context));
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(([] as unknown as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('an unknown filter named like an Object method is an unknown filter', () => {
    const result = render('{{ x | constructor }}{{ x | toString }}');
    expect(result).toMatchObject({ ok: false, error: { key: 'template.error.unknownFilter', params: { name: 'constructor' } } });
  });
});

describe('the context is copied into plain data before the render', () => {
  it('a dict whose toString changes between a check and a look-up gives nothing callable', () => {
    let reads = 0;
    const shifty = {
      get toString() {
        reads++;
        return reads > 1 ? Function : 'safe';
      },
    };
    expectHarmless(render(`{{ d.toString }}{{ d.toString(${PAYLOAD})() }}`, { d: shifty }));
  });

  it('a Proxy in the context answers once, as data', () => {
    let calls = 0;
    const proxy = new Proxy({ name: 'x' } as Record<string, unknown>, {
      getOwnPropertyDescriptor(target, key) {
        calls++;
        if (key === 'name' && calls > 1) return { value: Function, enumerable: true, configurable: true, writable: true };
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
    const result = render(`{{ p.name }}|{{ p.name }}|{{ p.name.constructor(${PAYLOAD}) }}`, { p: proxy });
    expectHarmless(result);
  });

  it('a Proxy whose traps throw becomes Undefined', () => {
    const hostile = new Proxy({}, { getPrototypeOf() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } });
    expect(render('[{{ p }}]', { p: hostile })).toEqual({ ok: true, text: '[]' });
  });

  it('functions, getters and class instances become Undefined', () => {
    const ctx = { f: () => 'ran', g: Object.defineProperty({}, 'x', { get: () => 'ran', enumerable: true }), when: new Date(0), m: new Map([['a', 1]]) };
    expect(render('[{{ f }}{{ g.x }}{{ when }}{{ m }}]', ctx)).toEqual({ ok: true, text: '[]' });
    expectHarmless(render('{{ f() }}', ctx));
  });

  it('a cyclic context is copied once, not forever', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(render('{{ a.self.self.name }}', { a })).toEqual({ ok: true, text: 'a' });
  });

  it('the context of one render does not leak into the next', () => {
    render('{% set campaign_name = "подмена" %}{{ campaign_name }}', context);
    expect(render('{{ campaign_name }}', context)).toEqual({ ok: true, text: 'Яндекс' });
  });
});

describe('runaway templates stop the same way every time', () => {
  it.each([
    ['a huge range', '{{ range(10 ** 9) | length }}', /template\.error\./],
    ['a string multiplied past the output budget', '{{ "a" * 10 ** 9 }}', /template\.error\.tooLong/],
    ['a list multiplied past the budget', '{{ ([1] * 10 ** 9) | length }}', /template\.error\.tooLong/],
    ['a string doubled in a loop', '{% set ns = namespace(s="ab") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}', /template\.error\.tooLong/],
    ['nested loops without output', '{% for i in range(5000) %}{% for j in range(5000) %}{% endfor %}{% endfor %}', /template\.error\.tooMuchWork/],
    ['nested loops with output', '{% for i in range(5000) %}{% for j in range(5000) %}x{% endfor %}{% endfor %}', /template\.error\.(tooLong|tooMuchWork)/],
    ['a macro calling itself', '{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}', /template\.error\.tooDeep/],
    ['a deeply nested expression', `{{ ${'('.repeat(3000)}1${')'.repeat(3000)} }}`, /template\.error\./],
  ])('%s', (_name, template, key) => {
    const first = render(template);
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.error.key).toMatch(key);
    expect(render(template)).toEqual(first);
  });

  it('the budgets can be set per render', () => {
    expect(render('{% for i in range(100) %}{% endfor %}', {}, { fuel: 50 })).toMatchObject({ ok: false, error: { key: 'template.error.tooMuchWork', kind: 'timeout' } });
    expect(render('{{ "a" * 11 }}', {}, { maxOutput: 10 })).toMatchObject({ ok: false, error: { key: 'template.error.tooLong', kind: 'too-long' } });
    expect(render('{{ "a" * 10 }}', {}, { maxOutput: 10 })).toEqual({ ok: true, text: 'aaaaaaaaaa' });
  });

  it('includes, imports and extends are refused: there are no loaders', () => {
    for (const template of ['{% include "x" %}', '{% import "x" as y %}', '{% from "x" import y %}', '{% extends "x" %}']) {
      expect(render(template)).toMatchObject({ ok: false, error: { kind: 'syntax', key: 'template.error.notSupported' } });
    }
  });
});

describe('engine limits are reported as what they are', () => {
  it('a JS range error that is not a stack overflow is not called nesting', () => {
    const result = render("{{ '%.200f' % 1.5 }}");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.key).not.toBe('template.error.tooDeep');
  });

  it('a context too large to copy is refused with its own key', () => {
    const big = { items: Array.from({ length: 100_001 }, (_, i) => i) };
    expect(render('{{ items | length }}', big)).toMatchObject({ ok: false, error: { key: 'template.error.contextTooLarge' } });
  });

  it('a list that contains itself prints with an error, not a hang', () => {
    expectHarmless(render('{% set l = [] %}{% set _ = l.append(l) %}{{ l }}'));
  });
});
