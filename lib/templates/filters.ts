import { DateTime } from 'luxon';
import { formatPhone } from '../phone';

const REPORT_TIME_FORMAT = 'yyyy-MM-dd HH:mm:ss';
export const DEFAULT_DATE_FORMAT = 'dd.MM.yyyy HH:mm';

const isMissing = (value: unknown) => value === undefined || value === null;

/**
 * `default` as in Jinja, except that null counts as missing too: CallGear reports send null for empty
 * fields, and admins expect `{{ campaign_name | default("Сайт") }}` to cover them.
 */
export function defaultFilter(value: unknown, fallback: unknown = '', alsoWhenFalsy = false): unknown {
  if (isMissing(value) || (alsoWhenFalsy && !value)) return fallback;
  return value;
}

/** `{{ contact_phone_number | phone }}` → `+7 (912) 345-67-89`. */
export function phoneFilter(value: unknown): string {
  return isMissing(value) ? '' : formatPhone(String(value));
}

/**
 * `{{ start_time | date("dd.MM.yyyy HH:mm", "Asia/Yekaterinburg") }}`: a report time (account zone, or ISO with
 * an offset) shown in the given zone with a luxon format. Unparseable text comes back unchanged.
 */
export function dateFilter(value: unknown, format = DEFAULT_DATE_FORMAT, zone?: string, sourceZone?: string): string {
  if (isMissing(value) || value === '') return '';
  const text = String(value);
  const opts = sourceZone ? { zone: sourceZone } : {};
  let parsed = DateTime.fromFormat(text, REPORT_TIME_FORMAT, opts);
  if (!parsed.isValid) parsed = DateTime.fromISO(text, opts);
  if (!parsed.isValid) return text;
  const shown = zone ? parsed.setZone(zone) : parsed;
  return shown.isValid ? shown.toFormat(format) : text;
}

/** `{{ talk_duration | duration }}` → `03:07` (seconds as mm:ss, hours when needed). */
export function durationFilter(value: unknown): string {
  const seconds = Math.max(0, Math.round(Number(value)));
  if (isMissing(value) || Number.isNaN(seconds)) return '';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}
