import { describe, expect, it } from 'vitest';
import { PyCallable, type Dict, type Value } from '../values';
import { builtins } from './index';
import { TemplateFailure, testRuntime } from './test-runtime';

/** What a table of cases cannot show: objects with state, names, limits, fuel and the safety of keys. */

const failure = (fn: () => unknown): TemplateFailure => {
  try {
    fn();
  } catch (error) {
    if (error instanceof TemplateFailure) return error;
    throw error;
  }
  throw new Error('expected a template error');
};

describe('the names Jinja2 3.1.2 has', () => {
  // sorted(SandboxedEnvironment().filters / .tests / .globals) from python3-jinja2 3.1.2.
  const FILTERS = 'abs attr batch capitalize center count d default dictsort e escape filesizeformat first float forceescape format groupby indent int items join last length list lower map max min pprint random reject rejectattr replace reverse round safe select selectattr slice sort string striptags sum title tojson trim truncate unique upper urlencode urlize wordcount wordwrap xmlattr';
  const TESTS = '!= < <= == > >= boolean callable defined divisibleby eq equalto escaped even false filter float ge greaterthan gt in integer iterable le lessthan lower lt mapping ne none number odd sameas sequence string test true undefined upper';

  it('has every Jinja2 filter, plus phone, date and duration', () => {
    expect(Object.keys(builtins.filters).sort()).toEqual([...FILTERS.split(' '), 'date', 'duration', 'phone'].sort());
  });

  it('has every Jinja2 test', () => {
    expect(Object.keys(builtins.tests).sort()).toEqual(TESTS.split(' ').sort());
  });

  it('has every Jinja2 global but namespace, which the core owns', () => {
    expect(Object.keys(builtins.globals).sort()).toEqual(['cycler', 'dict', 'joiner', 'lipsum', 'range']);
  });
});

describe('cycler and joiner', () => {
  it('cycles like Jinja2: "{{ c.current }}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}{{ c.reset() }}{{ c.current }}" → "aababNonea"', () => {
    const rt = testRuntime();
    const c = builtins.globals.cycler!(rt, ['a', 'b'], {});
    const attr = (name: string) => rt.getattr(c, name);
    const call = (name: string) => rt.call(attr(name), [], {});
    const out = [attr('current'), call('next'), call('next'), call('next'), attr('current'), call('reset'), attr('current')];
    expect(out.map((v) => rt.repr(v)).join('')).toBe("'a''a''b''a''b'None'a'");
  });

  it('joins like Jinja2: joiner(" | ") over 1,2,3 → "1 | 2 | 3", joiner() → "" then ", "', () => {
    const rt = testRuntime();
    const j = builtins.globals.joiner!(rt, [' | '], {});
    expect([1, 2, 3].map((x) => `${rt.call(j, [], {}) as string}${x}`).join('')).toBe('1 | 2 | 3');
    const k = builtins.globals.joiner!(rt, [], {});
    expect([rt.call(k, [], {}), rt.call(k, [], {})]).toEqual(['', ', ']);
  });

  it('refuses lipsum and an empty cycler', () => {
    const rt = testRuntime();
    expect(failure(() => builtins.globals.lipsum!(rt, [], {})).key).toBe('template.error.unsupported');
    expect(failure(() => builtins.globals.cycler!(rt, [], {})).key).toBe('template.error.badArgument');
  });
});

describe('attr and groupby', () => {
  it('attr gives bound allowlisted methods, never dict keys: "{{ d|attr("items") is callable }}{{ (d|attr("get"))("a") }}{{ ("ab"|attr("upper"))() }}{{ d|attr("a") is undefined }}" → "True1ABTrue"', () => {
    const rt = testRuntime();
    const d: Dict = { a: 1 };
    const attr = (v: Value, name: string) => rt.filter('attr', v, [name], {});
    expect(rt.test('callable', attr(d, 'items'), [])).toBe(true);
    expect(rt.call(attr(d, 'get'), ['a'], {})).toBe(1);
    expect(rt.call(attr('ab', 'upper'), [], {})).toBe('AB');
    expect(attr(d, 'a')).toBeUndefined();
    expect(attr(d, 'constructor')).toBeUndefined();
    expect(attr(d, '__proto__')).toBeUndefined();
  });

  it('groups answer .grouper and .list and unpack as pairs: "a:2;b:1,3;" and "a1b2"', () => {
    const rt = testRuntime();
    const x = [{ c: 'b', n: 1 }, { c: 'a', n: 2 }, { c: 'b', n: 3 }];
    const groups = rt.filter('groupby', x, ['c'], {}) as Value[][];
    const byAttr = groups.map((g) => `${rt.str(rt.getattr(g, 'grouper'))}:${rt.str(rt.filter('join', rt.filter('map', rt.getattr(g, 'list'), [], { attribute: 'n' }), [','], {}))};`);
    expect(byAttr.join('')).toBe('a:2;b:1,3;');
    expect(groups.map(([k, v]) => `${rt.str(k!)}${(v as Value[]).length}`).join('')).toBe('a1b2');
  });
});

describe('numbers read from JSON', () => {
  // Python's view of 48750.5 (a float): int 48750, round 48750.0 (ties to even), is float, not integer.
  it('treats a fractional JS number as a float, a whole one as an int', () => {
    const rt = testRuntime();
    expect(rt.filter('int', 48750.5, [], {})).toBe(48750);
    expect(rt.repr(rt.filter('round', 48750.5, [], {}))).toBe('48750.0');
    expect(rt.repr(rt.filter('abs', -2.5, [], {}))).toBe('2.5');
    expect(rt.repr(rt.filter('sum', [1, 0.5], [], {}))).toBe('1.5');
    expect(rt.filter('tojson', [1, 0.5], [], {})).toBe('[1, 0.5]');
    expect([rt.test('float', 48750.5, []), rt.test('integer', 48750.5, []), rt.test('integer', 187, [])]).toEqual([true, false, true]);
    expect(failure(() => rt.call(rt.filter('attr', '{:d}', ['format'], {}), [2.5], {})).key).toBe('template.error.badArgument');
  });
});

describe('limits and fuel', () => {
  it('refuses ranges, widths and paddings beyond 10,000', () => {
    const rt = testRuntime();
    expect(failure(() => builtins.globals.range!(rt, [10_001], {})).key).toBe('template.error.tooLarge');
    expect((builtins.globals.range!(rt, [10_000], {}) as Value[]).length).toBe(10_000);
    expect(failure(() => rt.filter('center', 'x', [1_000_000], {})).key).toBe('template.error.tooLarge');
    expect(failure(() => rt.filter('format', '%1000000s', ['x'], {})).key).toBe('template.error.tooLarge');
    expect(failure(() => rt.filter('batch', [1], [1_000_000, 0], {})).key).toBe('template.error.tooLarge');
    expect(failure(() => rt.call(rt.filter('attr', 'x', ['zfill'], {}), [1_000_000], {})).key).toBe('template.error.tooLarge');
  });

  it('refuses texts past a million characters before building them', () => {
    const rt = testRuntime(1_000_000);
    const long = 'a'.repeat(2000);
    expect(failure(() => rt.filter('replace', long, ['a', long], {})).key).toBe('template.error.tooLong');
    expect(failure(() => rt.call(rt.filter('attr', long, ['replace'], {}), ['a', long], {})).key).toBe('template.error.tooLong');
    expect(failure(() => rt.filter('indent', '\n'.repeat(2000), [long], {})).key).toBe('template.error.tooLong');
    expect(failure(() => rt.filter('join', Array(1000).fill(long), [], {})).key).toBe('template.error.tooLong');
    expect(failure(() => rt.filter('wordwrap', 'a '.repeat(2000), [1, true, long], {})).key).toBe('template.error.tooLong');
    expect(rt.filter('replace', 'a-b', ['-', long], {})).toBe(`a${long}b`);
  });

  it('spends fuel per item, so long inputs stop a small budget', () => {
    const items = Array.from({ length: 500 }, (_, i) => i);
    const rt = testRuntime(100);
    expect(failure(() => rt.filter('join', items, [','], {})).key).toBe('template.error.outOfFuel');
    expect(failure(() => testRuntime(100).filter('sort', items, [], {})).key).toBe('template.error.outOfFuel');
    expect(failure(() => testRuntime(100).filter('map', items, ['string'], {})).key).toBe('template.error.outOfFuel');
    const enough = testRuntime(10_000);
    enough.filter('join', items, [','], {});
    expect(enough.fuelLeft()).toBeLessThan(10_000 - 499);
  });
});

describe('safety of keys and errors', () => {
  it('update, setdefault and dict() keep "__proto__" a plain key', () => {
    const rt = testRuntime();
    const d: Dict = {};
    // JSON.parse makes "__proto__" an own key, as an imported configuration would.
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}') as Dict;
    rt.call(rt.filter('attr', d, ['update'], {}), [], hostile);
    rt.call(rt.filter('attr', d, ['update'], {}), [hostile], {});
    rt.call(rt.filter('attr', d, ['setdefault'], {}), ['__proto__', 'x'], {});
    const made = builtins.globals.dict!(rt, [[['__proto__', 'x'] as Value[]]], {}) as Dict;
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
    expect(Object.hasOwn(d, '__proto__')).toBe(true);
    expect((d as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(made)).toBe(Object.prototype);
    expect(Object.hasOwn(made, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('dict.get reads only own keys', () => {
    const rt = testRuntime();
    const get = rt.filter('attr', { a: 1 }, ['get'], {});
    expect(rt.call(get, ['constructor'], {})).toBeNull();
    expect(rt.call(get, ['toString', 'x'], {})).toBe('x');
  });

  it('reports misuse as template errors with the filter and the reason', () => {
    const rt = testRuntime();
    expect(failure(() => rt.filter('truncate', 'x', [], { lenght: 3 }))).toMatchObject({ key: 'template.error.badArgument', params: { filter: 'truncate' } });
    expect(failure(() => rt.filter('abs', 'x', [], {}))).toMatchObject({ key: 'template.error.badType', params: { filter: 'abs', type: 'str' } });
    expect(failure(() => rt.filter('join', [1], [',', null, 3], {})).key).toBe('template.error.badArgument');
    expect(failure(() => rt.call(rt.filter('attr', [1], ['pop'], {}), [5], {})).key).toBe('template.error.badArgument');
  });

  it('tuples answer only index and count', () => {
    const rt = testRuntime();
    const t = rt.filter('dictsort', { a: 1 }, [], {}) as Value[];
    expect(rt.filter('attr', t[0]!, ['append'], {})).toBeUndefined();
    expect(rt.filter('attr', t[0]!, ['count'], {})).toBeInstanceOf(PyCallable);
  });
});
