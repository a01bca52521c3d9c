import { describe, expect, it } from 'vitest';
import { renderTemplate } from './index';
import type { TemplateContext } from '../render-protocol';

/*
 * Jinja2 3.1 semantics, case by case. Every expected string is what python3-jinja2 3.1.2's
 * SandboxedEnvironment printed for the same template and context (checked when these were written).
 */
function render(template: string, context: object): string {
  const result = renderTemplate(template, context as TemplateContext);
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.text;
}

describe("truthiness and printing", () => {
  it.each([
    ["empty list is false", "{% if tags %}T{% else %}F{% endif %}", {"tags": []}, "F"],
    ["empty dict and string are false", "{{ \"y\" if d else \"n\" }}{{ \"y\" if s else \"n\" }}{{ \"y\" if 0.0 else \"n\" }}", {"d": {}, "s": ""}, "nnn"],
    ["booleans print like Python", "{{ true }} {{ false }} {{ flag }}", {"flag": true}, "True False True"],
    ["lists, tuples and dicts print with repr", "{{ [1, 'a', true] }} {{ (1,) }} {{ (1, 2) }} {{ {'a': 1} }} {{ 'it\\'s' | list }}", {}, "[1, 'a', True] (1,) (1, 2) {'a': 1} ['i', 't', \"'\", 's']"],
    ["floats print like Python", "{{ 10 / 4 }} {{ 10 / 5 }} {{ 2.0 }} {{ 3 * 1.5 }} {{ 0.1 + 0.2 }} {{ 0.00001 }} {{ 1.0 * 10 ** 16 }} {{ f }}", {"f": 2.5}, "2.5 2.0 2.0 4.5 0.30000000000000004 1e-05 1e+16 2.5"],
    ["a context number with a fraction is a float", "{{ y is float }} {{ y * 2 }} {{ n is float }} {{ n * 2 }}", {"y": 1.5, "n": 2}, "True 3.0 False 4"],
    ["one trailing newline is dropped", "a\n\n", {}, "a\n"],
    ["Windows newlines become \\n", "a\r\nb", {}, "a\nb"],
  ] as const)('%s', (_title, template, context, expected) => {
    expect(render(template, context)).toBe(expected);
  });
});

describe("arithmetic", () => {
  it.each([
    ["int and float division", "{{ 3 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7.5 // 2 }}", {}, "1.5 3 -4 3.0"],
    ["modulo and power follow Python", "{{ -7 % 3 }} {{ 5.5 % 2 }} {{ 2 ** 10 }} {{ 2 ** -1 }} {{ 2 ** 0.5 }}", {}, "2 1.5 1024 0.5 1.4142135623730951"],
    ["precedence", "{{ 10 // 3 * 3 }} {{ 2 + 3 * 4 }} {{ (2 + 3) * 4 }} {{ 10 - 2 - 3 }} {{ 2 ** 3 ** 2 }} {{ -2 ** 2 }}", {}, "9 14 20 5 64 4"],
    ["*, /, // and % share one left-associative level", "{{ 7 * 3 // 2 }} {{ 2 * 10 % 7 }} {{ 100 * talk // total }} {{ 'a' ~ 2 * 3 ~ 'b' }}", {"talk": 37, "total": 120}, "10 6 30 a6b"],
    ["sequence arithmetic", "{{ 'a' * 3 }} {{ [0] * 2 }} {{ 'a' + 'b' }} {{ [1] + [2] }} {{ (1,) + (2,) }}", {}, "aaa [0, 0] ab [1, 2] (1, 2)"],
    ["unary operators", "{{ -x }} {{ +x }} {{ not x }}", {"x": 3}, "-3 3 False"],
    ["durations as minutes and seconds", "{{ duration // 60 }}:{{ '%02d' % (duration % 60) }}", {"duration": 125}, "2:05"],
  ] as const)('%s', (_title, template, context, expected) => {
    expect(render(template, context)).toBe(expected);
  });
});

describe("strings", () => {
  it.each([
    ["~ converts to text", "{{ 'x' ~ 1 ~ 1.5 ~ true ~ [1] }}", {}, "x11.5True[1]"],
    ["% formatting", "{{ '%5.2f|%-4d|%s|%r|%x|%05d' % (3.14159, 7, 'n', 'a', 255, 42) }}", {}, " 3.14|7   |n|'a'|ff|00042"],
    ["% with a mapping and a single value", "{{ 'a%sb' % 'X' }} {{ '%(n)s=%(v)d' % {'n': 'k', 'v': 3} }} {{ '%.1f%%' % 12.345 }} {{ '%s' % [1, 2] }}", {}, "aXb k=3 12.3% [1, 2]"],
    ["methods from the allowlist", "{{ name.split(' ')[0] }} {{ d.get('k', 'dflt') }} {{ name.upper() }} {{ name.replace('a', 'o') }}", {"name": "anna maria", "d": {}}, "anna dflt ANNA MARIA onno morio"],
  ] as const)('%s', (_title, template, context, expected) => {
    expect(render(template, context)).toBe(expected);
  });
});

describe("comparisons and membership", () => {
  it.each([
    ["chained comparisons", "{{ 0 < x < 30 }} {{ 0 < y < 30 }} {{ 1 < 2 > 1.5 }}", {"x": 5, "y": 40}, "True False True"],
    ["equality across types", "{{ true == 1 }} {{ 1 == 1.0 }} {{ (1, 2) == [1, 2] }} {{ [1] == [1] }} {{ {'a': 1} == {'a': 1} }}", {}, "True True False True True"],
    ["ordering of strings and lists", "{{ 'abc' < 'abd' }} {{ [1, 2] < [1, 3] }}", {}, "True True"],
    ["in is membership for tuples, substring for str", "{{ x in ('a', 'b') }} {{ 'ab' in ('a', 'b') }} {{ 'ab' in 'cabd' }}", {"x": "a"}, "True False True"],
    ["in on a dict looks at keys", "{{ 'a' in d }} {{ 1 in d }}", {"d": {"a": 1}}, "True False"],
    ["not in", "{% if not x in [1] %}N{% endif %}{% if x not in [1] %}M{% endif %}", {"x": 2}, "NM"],
    ["in on Undefined is false", "{{ 'a' in missing }}", {}, "False"],
  ] as const)('%s', (_title, template, context, expected) => {
    expect(render(template, context)).toBe(expected);
  });
});

describe("lookups and slices", () => {
  it.each([
    ["slices and negative indexes", "{{ [1, 2, 3][::-1] }} {{ 'hello'[1:3] }} {{ [1, 2, 3][-1] }} {{ 'abc'[-5:] }} {{ [1, 2, 3][5] }} {{ (1, 2, 3)[1:] }}", {}, "[3, 2, 1] el 3 abc  (2, 3)"],
    ["item look-up before attribute", "{{ d['items'] }} {{ d['a b'] }}", {"d": {"items": 5, "a b": 1}}, "5 1"],
    ["missing keys print nothing", "{{ d.missing }}|{{ n.y }}|{{ a.b.c }}", {"d": {}, "n": null, "a": {"b": null}}, "||"],
    ["nested data", "{% for x in items %}{{ x.name }}{% if not loop.last %}, {% endif %}{% endfor %}", {"items": [{"name": "a"}, {"name": "b"}]}, "a, b"],
  ] as const)('%s', (_title, template, context, expected) => {
    expect(render(template, context)).toBe(expected);
  });
});

describe("for loops", () => {
  it.each([
    ["loop variables", "{% for a in [1, 2, 3] %}{{ loop.cycle('x', 'y') }}{{ loop.previtem }}{{ loop.nextitem }}{{ loop.changed(a) }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}|{% endfor %}", {}, "x2True32TrueFalse3|y13True21FalseFalse3|x2True10FalseTrue3|"],
    ["nested loops each have their own loop", "{% for a in [1, 2] %}{% for b in [3, 4] %}{{ loop.index }}{{ loop.depth }}{% endfor %}{{ loop.index0 }}{% endfor %}", {}, "1121011211"],
    ["a filter counts only the items it keeps", "{% for x in [1, 2, 3] if x > 1 %}{{ loop.index }}/{{ loop.length }}:{{ x }} {% else %}none{% endfor %}", {}, "1/2:2 2/2:3 "],
    ["else runs for an empty or undefined sequence", "{% for a in missing %}{% else %}E{% endfor %}{% for a in [] %}{% else %}F{% endfor %}", {}, "EF"],
    ["unpacking items", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}{% for a, b in [[1, 2], [3, 4]] %}{{ a }}{{ b }}{% endfor %}", {"d": {"a": 1, "b": [1]}}, "a=1;b=[1];1234"],
    ["a str iterates its characters, a dict its keys", "{% for c in 'aб' %}{{ c }}.{% endfor %}{% for k in d %}{{ k }}{% endfor %}", {"d": {"z": 1, "a": 2}}, "a.б.za"],
    ["changed() compares with the previous call", "{% for x in [1, 1, 2] %}{{ loop.changed(x) }} {% endfor %}", {}, "True False True "],
  ] as const)('%s', (_title, template, context, expected) => {
    expect(render(template, context)).toBe(expected);
  });
});

describe("set and scoping", () => {
  it.each([
    ["set in a loop does not leak out", "{% for x in range(3) %}{% set y = x %}{% endfor %}[{{ y }}]", {}, "[]"],
    ["each iteration starts from the outer value", "{% set y = 10 %}{% for i in range(3) %}{{ y }}{% set y = i %}{{ y }},{% endfor %}{{ y }}", {}, "100,101,102,10"],
    ["set in an if inside a loop lasts one iteration", "{% for i in range(3) %}{% if i == 0 %}{% set z = 5 %}{% endif %}{{ z }},{% endfor %}", {}, "5,,,"],
    ["namespace carries values out of a loop", "{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}", {}, "3"],
    ["block set captures text", "{% set t %}  a {{ 1 }} {% endset %}[{{ t }}]", {}, "[  a 1 ]"],
    ["with opens a scope of its own", "{% set a = 5 %}{% with a = a + 1, b = 2 %}{{ a }}{{ b }}{% set c = 1 %}{% endwith %}{{ a }}{{ b }}{{ c }}", {}, "625"],
    ["tuple assignment", "{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set t = 3, 4 %}{{ t }}", {}, "12(3, 4)"],
    ["list methods mutate", "{% set tags = [] %}{% set _ = tags.append(1) %}{{ tags }}", {}, "[1]"],
  ] as const)('%s', (_title, template, context, expected) => {
    expect(render(template, context)).toBe(expected);
  });
});

describe("macros", () => {
  it.each([
    ["defaults, varargs and kwargs", "{% macro m(a, b=2) %}{{ a }}{{ b }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1) }}|{{ m(1, 2, 3, c=4) }}", {}, "12(){}|12(3,){'c': 4}"],
    ["keyword arguments in any order", "{% macro m(a, b) %}{{ a }}-{{ b }}{% endmacro %}{{ m(b=1, a=2) }}|{{ m(1) }}", {}, "2-1|1-"],
    ["caller() from a call block", "{% macro m() %}[{{ caller(3) }}]{% endmacro %}{% call(x) m() %}got{{ x }}{% endcall %}", {}, "[got3]"],
    ["macros see later top-level sets", "{% set x = 1 %}{% macro m() %}{{ x }}{% endmacro %}{% set x = 2 %}{{ m() }}", {}, "2"],
  ] as const)('%s', (_title, template, context, expected) => {
    expect(render(template, context)).toBe(expected);
  });
});

describe("tags and whitespace", () => {
  it.each([
    ["if, elif, else", "{% if a %}A{% elif b %}B{% else %}C{% endif %}", {"b": 1}, "B"],
    ["conditional expressions and boolean operators", "{{ 'x' if a else 'y' }} {{ a or 'd' }} {{ a and 'z' }} [{{ 'a' if false }}]", {"a": 0}, "y d 0 []"],
    ["is tests", "{{ x is defined }} {{ y is defined }} {{ x is none }} {{ x is not none }} {{ n is none }} {{ flag is true }}", {"x": "s", "n": null, "flag": true}, "True False False True True True"],
    ["filter blocks", "{% filter upper %}ab{{ 'c' }}{% endfilter %}", {}, "ABC"],
    ["raw", "{% raw %}{{ x }}{% endraw %}", {}, "{{ x }}"],
    ["whitespace control", "a  {%- if true -%}  b  {%- endif -%}  c\n  {{- 'd' -}}\n e", {}, "abcde"],
    ["comments with whitespace control", "a {# c #} b {#- c -#} d\n{#- x #}\ne", {}, "a  bd\ne"],
    ["default trim_blocks and lstrip_blocks are off", "  {% if true %}\n  x\n  {% endif %}\n", {}, "  \n  x\n  "],
    ["a list rendered with -%}", "<ul>\n{% for t in tags -%}\n  <li>{{ t }}</li>\n{% endfor -%}\n</ul>\n", {"tags": ["a", "b"]}, "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"],
    ["block set with -%}", "{% set x -%}\n  a  \n{%- endset %}[{{ x }}]", {}, "[a]"],
    ["globals cycler and joiner", "{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }} {% set j = joiner('|') %}{% for x in [1, 2, 3] %}{{ j() }}{{ x }}{% endfor %}", {}, "abab 1|2|3"],
  ] as const)('%s', (_title, template, context, expected) => {
    expect(render(template, context)).toBe(expected);
  });
});

describe("the product's documented differences from Jinja2", () => {
  it('prints None and Undefined as empty text, also inside ~', () => {
    expect(render("{{ utm_source ~ ' / ' ~ utm_campaign }}|{{ none }}|{{ missing }}", { utm_source: 'ya', utm_campaign: null })).toBe('ya / ||');
  });

  it('prints methods and globals without a memory address', () => {
    expect(render('{{ d.items }}', { d: {} })).toBe('<items>');
  });
});
