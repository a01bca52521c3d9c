import type { Builtins, Test } from '../builtin-api';
import { globals } from './globals';
import { jsonFilters } from './json';
import { methods } from './methods';
import { numberFilters } from './numbers';
import { productFilters } from './product';
import { sequenceFilters } from './sequences';
import { stringFilters } from './strings';
import { tests as plainTests } from './tests';

/** Jinja2 3.1's built-in filters, tests, str/list/dict methods and globals, plus the product's filters. */
const filters = { ...stringFilters, ...numberFilters, ...sequenceFilters, ...jsonFilters, ...productFilters };

const nameTest = (table: () => Record<string, unknown>): Test => (rt, value, args) => {
  if (args.length) rt.fail('template.error.badArgument', { filter: 'test', reason: 'takes no arguments' });
  return typeof value === 'string' && Object.hasOwn(table(), value);
};

const tests: Record<string, Test> = {
  ...plainTests,
  filter: nameTest(() => filters),
  test: nameTest(() => tests),
};

export const builtins: Builtins = { filters, tests, methods, globals };

export { boundMethod, methodsOf } from './methods';
export { groupAttribute, groupTuple } from './sequences';
