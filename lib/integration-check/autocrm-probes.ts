import { DateTime } from 'luxon';
import { ApiError, isApiError } from '../api-error';
import type { AutocrmClient } from '../autocrm/client';
import { DEFAULT_AUTOCRM_ZONE } from '../autocrm/crm';
import type { AutocrmClient as AutocrmClientRecord } from '../autocrm/types';
import type { AppDb, EntityRef, InboxItem } from '../db';
import type { PipelineConfig } from '../pipeline/config';
import { PHONE_FORMS, phoneInForms, toE164, type PhoneForm } from '../phone';
import { failedFinding, skipped, t, type Probe } from './item';
import { PHONE_FORMS_KEY } from './phone-forms';
import { entityUrl } from '../autocrm/links';

export { PHONE_FORMS_KEY, storedPhoneForms } from './phone-forms';

export interface AutocrmContext {
  client: AutocrmClient;
  fetch: typeof fetch;
  config: PipelineConfig;
  db: AppDb;
  now: () => number;
  salons?: { id: number; name: string }[];
  accessError?: ApiError;
}

const noAccess = () => skipped(t('checkCrmNotCheckedNoAccessTo'));

/** `GET /autosalon` (swagger.json `paths./autosalon`): any authenticated user with API rights may read it. */
export const autocrmCredentials: Probe<AutocrmContext> = {
  id: 'autocrm.credentials',
  group: 'autocrm',
  title: t('checkCrmAutocrmApiAccess'),
  async run(c) {
    try {
      c.salons = await c.client.listAutosalons();
      return { status: 'green', meaning: t('checkCrmAutocrmAcceptedTheKeyAnd') };
    } catch (error) {
      if (!isApiError(error)) throw error;
      c.accessError = error;
      if (error.kind === 'authentication') {
        return {
          status: 'red',
          meaning: t('checkCrmNothingCreated'),
          cause: error.phrase ?? error.text,
          action: t('checkCrmCheckTheAutocrmAddressThe'),
          details: [`HTTP ${error.status ?? '?'}`],
        };
      }
      if (error.kind === 'permission') {
        return {
          status: 'red',
          meaning: t('checkCrmTheKeyIsRightBut'),
          action: t('checkCrmAskTheAutocrmAdministratorTo'),
          details: [`HTTP ${error.status ?? '?'}`],
        };
      }
      return failedFinding(error);
    }
  },
};

/** Every number under `key` anywhere in the rules (base and clarifying rules of every kind). */
function idsInRules(rules: unknown, key: string): Set<number> {
  const found = new Set<number>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [name, inner] of Object.entries(value)) {
        if (name === key && typeof inner === 'number') found.add(inner);
        else walk(inner);
      }
    }
  };
  walk(rules);
  return found;
}

/** What the rules pick from: `GET /autosalon`, `/leads/requestType`, `/source` (swagger.json paths). */
export const autocrmDictionaries: Probe<AutocrmContext> = {
  id: 'autocrm.dictionaries',
  group: 'autocrm',
  title: t('checkCrmDealershipsRequestTypesAndSources'),
  async run(c) {
    if (!c.salons) return noAccess();
    const [types, sources] = await Promise.all([c.client.listRequestTypes(), c.client.someSources(50)]);
    const active = types.filter((type) => type.is_active === undefined || Boolean(type.is_active));
    const details = [`autosalon: ${c.salons.length}`, `requestType: ${active.length}/${types.length}`, `source: ${sources.length}${sources.length >= 50 ? '+' : ''}`];
    const salonIds = new Set(c.salons.map((s) => s.id));
    const typeIds = new Set(active.map((s) => s.id));
    const missingSalons = [...idsInRules(c.config.rules, 'salonId')].filter((id) => !salonIds.has(id));
    const missingTypes = [...idsInRules(c.config.rules, 'requestTypeId')].filter((id) => !typeIds.has(id));
    if (c.salons.length === 0) {
      return { status: 'red', meaning: t('checkCrmTheIntegrationUserSeesNo'), action: t('checkCrmInAutocrmGiveTheIntegration'), details };
    }
    if (missingSalons.length || missingTypes.length) {
      return {
        status: 'red',
        meaning: t('checkCrmTheRulesNameDealershipsOr'),
        action: t('checkCrmPickVisibleDealershipsAndRequest'),
        details: [...details, ...missingSalons.map((id) => `salonId ${id}`), ...missingTypes.map((id) => `requestTypeId ${id}`)],
      };
    }
    if (active.length === 0 || sources.length === 0) {
      return {
        status: 'yellow',
        meaning: t(active.length === 0 ? 'checkCrmNoActiveRequestTypes' : 'checkCrmNoSources'),
        action: t('checkCrmAddRequestTypesAndSources'),
        details,
      };
    }
    return { status: 'green', meaning: t('checkCrmTheDealershipsRequestTypesAnd'), details };
  },
};

/** Every stored phone of a client, as typed. */
function storedPhones(client: AutocrmClientRecord): string[] {
  const people = [client.primaryPerson, ...(client.persons ?? [])];
  return [...people.flatMap((p) => p?.phones ?? []), ...(client.company?.phones ?? [])].map((p) => p.number).filter((n) => toE164(n) !== null);
}

const SAMPLE_CLIENTS = 3;

/**
 * The `phone` filter of `GET /client` is documented only as "Номер телефона" (swagger.json `paths./client`):
 * a few clients from page 1, each queried by its own stored number in every form; the forms that find the
 * client are saved for the pipeline's look-ups (docs/decisions.md, "Integration check: probes").
 */
export const autocrmPhoneForms: Probe<AutocrmContext> = {
  id: 'autocrm.phone-forms',
  group: 'autocrm',
  title: t('checkCrmClientSearchByPhone'),
  async run(c) {
    if (!c.salons) return noAccess();
    const clients = (await c.client.someClients(20)).filter((client) => storedPhones(client).length > 0).slice(0, SAMPLE_CLIENTS);
    if (clients.length === 0) {
      return { status: 'yellow', meaning: t('checkCrmNoClientOnAutocrmS'), action: t('checkCrmRunTheCheckOnceAutocrm') };
    }
    const results = await Promise.all(
      clients.map(async (client) => {
        const forms = phoneInForms(storedPhones(client)[0]);
        const hits: PhoneForm[] = [];
        for (const form of PHONE_FORMS) {
          const value = forms[form];
          if (value === undefined) continue;
          const found = await c.client.findClientsByPhoneValue(value);
          if (found.some((f) => f.id === client.id)) hits.push(form);
        }
        return { id: client.id, hits };
      }),
    );
    const hit = PHONE_FORMS.filter((form) => results.some((r) => r.hits.includes(form)));
    const misses = results.filter((r) => r.hits.length === 0);
    const details = [...results.map((r) => `client #${r.id}: ${r.hits.join(', ') || '—'}`)];
    if (hit.length === 0) {
      await c.db.settings.delete(PHONE_FORMS_KEY);
      return {
        status: 'red',
        meaning: t('checkCrmAutocrmFoundNoClientBy'),
        action: t('checkCrmAskAutocrmSupportHowPhones'),
        details,
      };
    }
    await c.db.settings.put({ key: PHONE_FORMS_KEY, value: hit });
    details.unshift(`forms: ${hit.join(', ')}`);
    if (misses.length > 0) {
      return {
        status: 'yellow',
        meaning: t('checkCrmSomeClientsOfAreNot', { misses: misses.length, results: results.length }),
        action: t('checkCrmBringClientPhonesInAutocrm'),
        details,
      };
    }
    return { status: 'green', meaning: t('checkCrmAutocrmFindsClientsByPhone'), details };
  },
};

const AUTOCRM_TIME_FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'dd.MM.yyyy HH:mm:ss', 'dd.MM.yyyy HH:mm'];

/** An AutoCRM datetime (no offset) read as if it were UTC: its difference from the real instant is the offset. */
function wallClockMs(text: string): number | null {
  for (const format of AUTOCRM_TIME_FORMATS) {
    const at = DateTime.fromFormat(text.trim(), format, { zone: 'utc' });
    if (at.isValid) return at.toMillis();
  }
  const iso = DateTime.fromISO(text.trim(), { zone: 'utc', setZone: false });
  return iso.isValid && !/[zZ]|[+-]\d\d:?\d\d$/.test(text.trim()) ? iso.toMillis() : null;
}

/** The latest thing the pipeline created whose creation time AutoCRM reports (`createdAt` / `created_at`). */
async function latestCreated(db: AppDb): Promise<{ item: InboxItem; ref: EntityRef } | null> {
  const done = await db.inbox.where('state').equals('done').toArray();
  done.sort((a, b) => b.updatedAt - a.updatedAt);
  for (const item of done) {
    const ref = item.created.find((r) => r.entity === 'client' || r.entity === 'inquiry');
    if (ref) return { item, ref };
  }
  return null;
}

const hoursText = (minutes: number) => `${minutes >= 0 ? '+' : '−'}${Math.abs(minutes / 60)} h`;

/**
 * AutoCRM prints times without an offset and does not document its zone (swagger.json formats only). The
 * latest client or inquiry the pipeline created: its `createdAt` / `created_at` against when it was
 * created here gives the instance's offset, compared with the configured AutoCRM zone. Read-only; before
 * the first create it is "checked on first use".
 */
export const autocrmTimezone: Probe<AutocrmContext> = {
  id: 'autocrm.timezone',
  group: 'autocrm',
  title: t('checkCrmAutocrmTimeZone'),
  async run(c) {
    if (!c.salons) return noAccess();
    const zone = c.config.autocrmZone ?? DEFAULT_AUTOCRM_ZONE;
    const latest = await latestCreated(c.db);
    if (!latest) {
      return { status: 'yellow', meaning: t('checkCrmCheckedOnFirstUseThe', { zone }), action: t('checkCrmRunTheCheckAgainAfter') };
    }
    const { item, ref } = latest;
    const text = ref.entity === 'client' ? (await c.client.getClient(ref.id)).createdAt : (await c.client.getRequest(ref.id)).created_at;
    const wall = typeof text === 'string' ? wallClockMs(text) : null;
    if (wall === null) {
      return { status: 'yellow', meaning: t('checkCrmAutocrmDidNotReportThe'), action: t('checkCrmTellSupport'), details: [`${ref.entity} #${ref.id}`] };
    }
    const implied = Math.round((wall - item.updatedAt) / 60_000 / 15) * 15;
    const configured = DateTime.fromMillis(item.updatedAt).setZone(zone).offset;
    const details = [`${ref.entity} #${ref.id}`, `AutoCRM: UTC${hoursText(implied)}`, `${zone}: UTC${hoursText(configured)}`];
    if (Math.abs(implied - configured) < 30) return { status: 'green', meaning: t('checkCrmAutocrmSTimeZoneMatches'), details };
    return {
      status: 'red',
      meaning: t('checkCrmAutocrmWritesTimesAtUtc', { offset: hoursText(implied), zone, hours: Math.abs(implied - configured) / 60 }),
      action: t('checkCrmSetTheAutocrmTimeZone'),
      details,
    };
  },
};

/** `GET /case/states`: the swagger's `result: $ref Array` is an object definition; a list or a map is what a dropdown needs. */
export const autocrmCaseStates: Probe<AutocrmContext> = {
  id: 'autocrm.case-states',
  group: 'autocrm',
  title: t('checkCrmWorksheetStates'),
  async run(c) {
    if (!c.salons) return noAccess();
    const states = await c.client.listCaseStates();
    const details = [`${states.length}`];
    if (states.length >= 2) return { status: 'green', meaning: t('checkCrmAutocrmReturnsTheListOf'), details };
    return {
      status: 'yellow',
      meaning: t('checkCrmAutocrmDidNotReturnThe'),
      action: t('checkCrmCompareTheStatesInThe'),
      details,
    };
  },
};

/**
 * The writes whose keeping the swagger does not promise: each is read back by the pipeline on first use
 * (lib/pipeline/act.ts notes "not stored" / "unsupported" in the item's steps). No data is created here:
 * this reports what those read-backs found.
 */
const OPTIONAL_WRITES = ['external_id', 'event (repeat call on a worksheet)', 'source.salon_ids', 'client.company.phones'];
const SHORTFALL_SCAN = 2000;

export const autocrmOptionalWrites: Probe<AutocrmContext> = {
  id: 'autocrm.optional-writes',
  group: 'autocrm',
  title: t('checkCrmOptionalWritesToAutocrm'),
  async run(c) {
    if (!c.salons) return noAccess();
    const steps = await c.db.steps.reverse().limit(SHORTFALL_SCAN).toArray();
    const shortfalls = new Map<string, number>();
    for (const step of steps) {
      const detail = step.detail as { ok?: unknown; label?: unknown; unsupported?: unknown; notStored?: unknown } | null;
      if (step.step !== 'request' || !detail || detail.ok !== false) continue;
      // "unsupported" is a limit AutoCRM documents (e.g. no way to attach a call to an inquiry), not a write it dropped.
      const reason = detail.notStored;
      if (typeof reason !== 'string') continue;
      shortfalls.set(reason, (shortfalls.get(reason) ?? 0) + 1);
    }
    if (shortfalls.size > 0) {
      return {
        status: 'yellow',
        meaning: t('checkCrmAutocrmAcceptedButDidNot'),
        action: t('checkCrmShowThisListToAutocrm'),
        details: [...shortfalls].map(([reason, count]) => `${reason} ×${count}`),
      };
    }
    const done = await c.db.inbox.where('state').equals('done').count();
    if (done === 0) {
      return { status: 'yellow', meaning: t('checkCrmCheckedOnFirstUseThe2'), action: t('checkCrmRunTheCheckAgainAfter2'), details: OPTIONAL_WRITES };
    }
    return { status: 'green', meaning: t('checkCrmAutocrmKeptEveryOptionalWrite'), details: [`done: ${done}`] };
  },
};

/**
 * The "open in AutoCRM" links (lib/autocrm/links.ts) use web-UI paths no AutoCRM document gives: one client's
 * card is opened once (a GET, read-only) to see whether the path exists. A login page or a redirect still
 * means the path is there; a 404 means the links in cards and the Журнал will not open.
 */
export const autocrmLinks: Probe<AutocrmContext> = {
  id: 'autocrm.links',
  group: 'autocrm',
  title: t('checkCrmOpenInAutocrmLinks'),
  async run(c) {
    if (!c.salons) return noAccess();
    const [client] = await c.client.someClients(1);
    if (!client) return { status: 'skipped', meaning: t('checkCrmAutocrmHasNoClientsThere'), action: null };
    const url = entityUrl(c.client.origin, 'client', client.id);
    const path = new URL(url).pathname;
    const response = await c.fetch(url, { credentials: 'include', redirect: 'manual', signal: AbortSignal.timeout(8000) });
    if (response.status === 404) {
      return {
        status: 'yellow',
        meaning: t('checkCrmAutocrmDoesNotKnowThe'),
        action: t('checkCrmCopyTheResultForSupport'),
        details: [`${path}: 404`],
      };
    }
    return { status: 'green', meaning: t('checkCrmTheClientCardAddressExists'), details: [`${path}: ${response.status || 'redirect'}`] };
  },
};

export const AUTOCRM_PROBES: Probe<AutocrmContext>[] = [autocrmCredentials, autocrmDictionaries, autocrmPhoneForms, autocrmTimezone, autocrmCaseStates, autocrmOptionalWrites, autocrmLinks];
