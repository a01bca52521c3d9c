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

const noAccess = () => skipped(t('Не проверено: нет доступа к API AutoCRM (см. выше).', 'Not checked: no access to the AutoCRM API (see above).'));

/** `GET /autosalon` (swagger.json `paths./autosalon`): any authenticated user with API rights may read it. */
export const autocrmCredentials: Probe<AutocrmContext> = {
  id: 'autocrm.credentials',
  group: 'autocrm',
  title: t('Доступ к API AutoCRM', 'AutoCRM API access'),
  async run(c) {
    try {
      c.salons = await c.client.listAutosalons();
      return { status: 'green', meaning: t('AutoCRM принял ключ, у пользователя есть права на API.', 'AutoCRM accepted the key and the user has API rights.') };
    } catch (error) {
      if (!isApiError(error)) throw error;
      c.accessError = error;
      if (error.kind === 'authentication') {
        return {
          status: 'red',
          meaning: t(`${error.text.ru} Ничего не будет создано в AutoCRM.`, `${error.text.en} Nothing will be created in AutoCRM.`),
          action: t('Проверьте адрес AutoCRM, логин и пароль или API-ключ в настройках расширения («Аккаунты → AutoCRM»); ключ выдаёт администратор AutoCRM.', 'Check the AutoCRM address, the login and password or the API key in the extension settings (Accounts → AutoCRM); the AutoCRM administrator issues keys.'),
          details: [`HTTP ${error.status ?? '?'}`],
        };
      }
      if (error.kind === 'permission') {
        return {
          status: 'red',
          meaning: t('Ключ верный, но у этого пользователя AutoCRM нет прав на API: ничего не будет создано в AutoCRM.', 'The key is right, but this AutoCRM user has no API rights: nothing will be created in AutoCRM.'),
          action: t('Попросите администратора AutoCRM выдать пользователю интеграции права на API (карточка пользователя → права) или используйте другого пользователя.', 'Ask the AutoCRM administrator to grant the integration user API rights (user card → rights), or use another user.'),
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
  title: t('Автосалоны, цели обращений и источники', 'Dealerships, request types and sources'),
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
      return { status: 'red', meaning: t('Пользователю интеграции не виден ни один автосалон: создать обращение некуда.', 'The integration user sees no dealership: there is nowhere to create inquiries.'), action: t('В AutoCRM дайте пользователю интеграции доступ к автосалонам (карточка пользователя → автосалоны).', 'In AutoCRM give the integration user access to the dealerships (user card → dealerships).'), details };
    }
    if (missingSalons.length || missingTypes.length) {
      return {
        status: 'red',
        meaning: t('Правила ссылаются на автосалоны или цели, которых пользователь интеграции не видит: такие обращения AutoCRM отклонит.', 'The rules name dealerships or request types the integration user cannot see: AutoCRM will refuse those inquiries.'),
        action: t('Выберите в правилах видимые автосалоны и цели или дайте пользователю интеграции доступ к этим автосалонам в AutoCRM.', 'Pick visible dealerships and request types in the rules, or give the integration user access to those dealerships in AutoCRM.'),
        details: [...details, ...missingSalons.map((id) => `salonId ${id}`), ...missingTypes.map((id) => `requestTypeId ${id}`)],
      };
    }
    if (active.length === 0 || sources.length === 0) {
      return {
        status: 'yellow',
        meaning: t(active.length === 0 ? 'В AutoCRM нет активных целей обращений: обращения создать не получится.' : 'В AutoCRM нет ни одного источника: расширение будет создавать их по шаблонам правил.', active.length === 0 ? 'AutoCRM has no active request types: inquiries cannot be created.' : 'AutoCRM has no sources: the extension will create them from the rules’ templates.'),
        action: t('Заведите цели обращений и источники в справочниках AutoCRM.', 'Add request types and sources in the AutoCRM dictionaries.'),
        details,
      };
    }
    return { status: 'green', meaning: t('Автосалоны, цели и источники, нужные правилам, видны.', 'The dealerships, request types and sources the rules need are visible.'), details };
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
  title: t('Поиск клиента по телефону', 'Client search by phone'),
  async run(c) {
    if (!c.salons) return noAccess();
    const clients = (await c.client.someClients(20)).filter((client) => storedPhones(client).length > 0).slice(0, SAMPLE_CLIENTS);
    if (clients.length === 0) {
      return { status: 'yellow', meaning: t('На первой странице клиентов AutoCRM нет ни одного с телефоном: поиск по телефону проверить не на ком.', 'No client on AutoCRM’s first client page has a phone: phone search cannot be checked.'), action: t('Запустите проверку, когда в AutoCRM появятся клиенты с телефонами.', 'Run the check once AutoCRM has clients with phones.') };
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
        meaning: t(
          'AutoCRM не нашёл ни одного клиента по его же номеру ни в одной форме (+7…, 7…, 10 цифр, 8…): правила для повторных обращений будут ошибаться и создавать дубли клиентов.',
          'AutoCRM found no client by its own number in any form (+7…, 7…, 10 digits, 8…): repeat-contact rules will misfire and create duplicate clients.',
        ),
        action: t('Сообщите в поддержку AutoCRM, в каком виде хранятся телефоны и как ищет фильтр phone в API; до исправления отключите правила для повторных обращений.', 'Ask AutoCRM support how phones are stored and how the API’s phone filter matches; until then turn off the repeat-contact rules.'),
        details,
      };
    }
    await c.db.settings.put({ key: PHONE_FORMS_KEY, value: hit });
    details.unshift(`forms: ${hit.join(', ')}`);
    if (misses.length > 0) {
      return {
        status: 'yellow',
        meaning: t(
          `Часть клиентов (${misses.length} из ${results.length}) не находится по своему номеру: номера, набранные по-другому, не будут узнаваться, и для таких клиентов появятся дубли.`,
          `Some clients (${misses.length} of ${results.length}) are not found by their own number: numbers typed differently will not be recognised, and such clients will be duplicated.`,
        ),
        action: t('Приведите телефоны клиентов в AutoCRM к единому виду (+7XXXXXXXXXX).', 'Bring client phones in AutoCRM to one format (+7XXXXXXXXXX).'),
        details,
      };
    }
    return { status: 'green', meaning: t('AutoCRM находит клиентов по телефону; расширение запомнило формы номера, которые работают.', 'AutoCRM finds clients by phone; the extension saved the number forms that work.'), details };
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
  title: t('Часовой пояс AutoCRM', 'AutoCRM time zone'),
  async run(c) {
    if (!c.salons) return noAccess();
    const zone = c.config.autocrmZone ?? DEFAULT_AUTOCRM_ZONE;
    const latest = await latestCreated(c.db);
    if (!latest) {
      return { status: 'yellow', meaning: t(`Проверяется при первом создании: пока расширение ничего не создало. Настроен пояс ${zone}.`, `Checked on first use: the extension has created nothing yet. The configured zone is ${zone}.`), action: t('Запустите проверку ещё раз после первого созданного обращения.', 'Run the check again after the first inquiry is created.') };
    }
    const { item, ref } = latest;
    const text = ref.entity === 'client' ? (await c.client.getClient(ref.id)).createdAt : (await c.client.getRequest(ref.id)).created_at;
    const wall = typeof text === 'string' ? wallClockMs(text) : null;
    if (wall === null) {
      return { status: 'yellow', meaning: t('AutoCRM не сообщил время создания в понятном виде: часовой пояс не проверен.', 'AutoCRM did not report the creation time in a readable form: the time zone is not checked.'), action: t('Сообщите в поддержку.', 'Tell support.'), details: [`${ref.entity} #${ref.id}`] };
    }
    const implied = Math.round((wall - item.updatedAt) / 60_000 / 15) * 15;
    const configured = DateTime.fromMillis(item.updatedAt).setZone(zone).offset;
    const details = [`${ref.entity} #${ref.id}`, `AutoCRM: UTC${hoursText(implied)}`, `${zone}: UTC${hoursText(configured)}`];
    if (Math.abs(implied - configured) < 30) return { status: 'green', meaning: t('Часовой пояс AutoCRM совпадает с настроенным.', 'AutoCRM’s time zone matches the configured one.'), details };
    return {
      status: 'red',
      meaning: t(
        `AutoCRM пишет время со сдвигом UTC${hoursText(implied)}, а в настройках указан ${zone}: время звонков и сроки задач в AutoCRM будут смещены на ${Math.abs(implied - configured) / 60} ч.`,
        `AutoCRM writes times at UTC${hoursText(implied)}, while the settings say ${zone}: call times and task deadlines in AutoCRM will be off by ${Math.abs(implied - configured) / 60} h.`,
      ),
      action: t('Укажите часовой пояс AutoCRM в настройках расширения («Настройки → Часовой пояс AutoCRM»).', 'Set the AutoCRM time zone in the extension settings (Settings → AutoCRM time zone).'),
      details,
    };
  },
};

/** `GET /case/states`: the swagger's `result: $ref Array` is an object definition; a list or a map is what a dropdown needs. */
export const autocrmCaseStates: Probe<AutocrmContext> = {
  id: 'autocrm.case-states',
  group: 'autocrm',
  title: t('Состояния рабочих листов', 'Worksheet states'),
  async run(c) {
    if (!c.salons) return noAccess();
    const states = await c.client.listCaseStates();
    const details = [`${states.length}`];
    if (states.length >= 2) return { status: 'green', meaning: t('AutoCRM отдаёт список состояний рабочих листов: их можно выбирать в правилах.', 'AutoCRM returns the list of worksheet states: rules can pick from it.'), details };
    return {
      status: 'yellow',
      meaning: t('AutoCRM вернул состояния рабочих листов не списком: в правилах будут встроенные названия состояний, которые могут не совпасть с вашими.', 'AutoCRM did not return the worksheet states as a list: rules will show built-in state names, which may differ from yours.'),
      action: t('Сверьте состояния в правилах с AutoCRM; скопируйте результат для поддержки.', 'Compare the states in the rules with AutoCRM; copy the result for support.'),
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
  title: t('Необязательные записи в AutoCRM', 'Optional writes to AutoCRM'),
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
        meaning: t('Часть записей AutoCRM приняла, но не сохранила (проверено чтением после записи): связи и пометки ниже в AutoCRM не появятся.', 'AutoCRM accepted but did not keep some writes (checked by reading back): the links and marks below will not appear in AutoCRM.'),
        action: t('Покажите этот список поддержке AutoCRM; до тех пор расширение пишет в журнал, чего не хватает, и не считает это успехом.', 'Show this list to AutoCRM support; until then the extension logs what is missing and never counts it as success.'),
        details: [...shortfalls].map(([reason, count]) => `${reason} ×${count}`),
      };
    }
    const done = await c.db.inbox.where('state').equals('done').count();
    if (done === 0) {
      return { status: 'yellow', meaning: t('Проверяется при первом использовании: записи, сохранение которых AutoCRM не гарантирует, расширение перечитает после первой записи, и результат появится здесь.', 'Checked on first use: the writes AutoCRM does not promise to keep are read back after the first write, and the result shows here.'), action: t('Запустите проверку ещё раз после первых созданных обращений.', 'Run the check again after the first inquiries are created.'), details: OPTIONAL_WRITES };
    }
    return { status: 'green', meaning: t('Все необязательные записи, сделанные до сих пор, AutoCRM сохранил.', 'AutoCRM kept every optional write made so far.'), details: [`done: ${done}`] };
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
  title: t('Ссылки «открыть в AutoCRM»', '"Open in AutoCRM" links'),
  async run(c) {
    if (!c.salons) return noAccess();
    const [client] = await c.client.someClients(1);
    if (!client) return { status: 'skipped', meaning: t('В AutoCRM нет клиентов: ссылку проверить не на чем.', 'AutoCRM has no clients: there is no link to try.'), action: null };
    const url = entityUrl(c.client.origin, 'client', client.id);
    const path = new URL(url).pathname;
    const response = await c.fetch(url, { credentials: 'include', redirect: 'manual', signal: AbortSignal.timeout(8000) });
    if (response.status === 404) {
      return {
        status: 'yellow',
        meaning: t('AutoCRM не знает адрес карточки клиента, по которому строятся ссылки расширения: ссылки «открыть в AutoCRM» не откроются. Обращения и рабочие листы при этом создаются как обычно.', 'AutoCRM does not know the client-card address the extension builds its links from: "open in AutoCRM" links will not open. Inquiries and worksheets are still created as usual.'),
        action: t('Скопируйте результат для поддержки и приложите адрес карточки клиента из строки браузера.', 'Copy the result for support, with a client card\'s address from the browser\'s address bar.'),
        details: [`${path}: 404`],
      };
    }
    return { status: 'green', meaning: t('Адрес карточки клиента в AutoCRM существует: ссылки расширения открываются.', 'The client-card address exists in AutoCRM: the extension\'s links open.'), details: [`${path}: ${response.status || 'redirect'}`] };
  },
};

export const AUTOCRM_PROBES: Probe<AutocrmContext>[] = [autocrmCredentials, autocrmDictionaries, autocrmPhoneForms, autocrmTimezone, autocrmCaseStates, autocrmOptionalWrites, autocrmLinks];
