import type { Filter } from '../builtin-api';
import { dateFilter, DEFAULT_DATE_FORMAT, durationFilter, phoneFilter } from '../../filters';
import { isFloat, type Value } from '../values';
import { bind } from './args';

/**
 * The product's own filters, the same functions the nunjucks renderer used (lib/templates/filters.ts):
 * `phone` (+7 (912) 345-67-89), `date` (luxon format, zones), `duration` (mm:ss).
 */
const plain = (value: Value): unknown => (isFloat(value) ? value.value : value);

const phone: Filter = (rt, value, args, kwargs) => {
  bind(rt, 'phone', [], args, kwargs);
  return phoneFilter(plain(value));
};

const date: Filter = (rt, value, args, kwargs) => {
  const [format, zone, sourceZone] = bind(rt, 'date', [['format', DEFAULT_DATE_FORMAT], ['zone', null], ['source_zone', null]], args, kwargs);
  const text = (v: Value) => (v === null || v === undefined ? undefined : rt.str(v));
  return dateFilter(plain(value), text(format) ?? DEFAULT_DATE_FORMAT, text(zone), text(sourceZone));
};

const duration: Filter = (rt, value, args, kwargs) => {
  bind(rt, 'duration', [], args, kwargs);
  return durationFilter(plain(value));
};

export const productFilters: Record<string, Filter> = { date, duration, phone };
