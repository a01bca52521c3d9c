import { isApiError } from '../api-error';
import { phrase, type Said } from '../phrase';
import { errorParam } from '../said-error';
import type { CallGearClient } from '../callgear/client';
import type { Contact } from '../callgear/types';
import type { AppDb, PersonalManagerRecord } from '../db';
import { retryDelay } from '../pipeline/retry';
import { toE164 } from '../phone';

/**
 * Personal managers (optional): every client the pipeline created something for gets, on its CallGear
 * address-book contact, the AutoCRM responsible (via the user mapping) as `personal_manager_id`, so
 * CallGear's "route to the personal manager" sends repeat callers to their manager.
 *
 * The pipeline only notes the wish locally (one row per phone, the latest responsible wins); this sync
 * works the rows off in small batches, so a CallGear outage or point limit never holds up an inquiry.
 */

export interface ManagerWish {
  /** The client's number, any format (E.164 is stored). */
  phone: string;
  autocrmUserId: number;
  clientName: string | null;
  contactId: number | null;
}

/** A met wish is checked again after this long (someone may have changed the contact in CallGear). */
export const RECHECK_AFTER_MS = 24 * 60 * 60_000;

/** Remembers that this client's contact should carry this responsible; a wish met lately is left alone. */
export async function notePersonalManager(db: AppDb, wish: ManagerWish, now = Date.now()): Promise<void> {
  const phone = toE164(wish.phone);
  if (!phone) return;
  const existing = await db.personalManagers.get(phone);
  const same = existing?.autocrmUserId === wish.autocrmUserId;
  if (same && (existing.state === 'pending' || (existing.state === 'done' && now - existing.updatedAt < RECHECK_AFTER_MS))) return;
  await db.personalManagers.put({ phone, autocrmUserId: wish.autocrmUserId, clientName: wish.clientName, contactId: wish.contactId ?? existing?.contactId ?? null, state: 'pending', attempts: 0, dueAt: now, updatedAt: now });
}

export interface ManagerRunResult {
  done: number;
  skipped: number;
  failed: number;
  /** Set when CallGear's point limit stopped the run: the rows wait until then. */
  pausedUntil?: number;
}

export const MANAGERS_PER_RUN = 20;

const explain = (error: unknown): Said => (isApiError(error) ? (error.phrase ?? error.text) : phrase('pmWhyFailed', { error: errorParam(error) }));

export class PersonalManagerSync {
  constructor(
    private readonly db: AppDb,
    private readonly callgear: CallGearClient,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** Works through due rows (at most `limit`); stops at CallGear's point limit, keeping the rest due later. */
  async run(limit = MANAGERS_PER_RUN): Promise<ManagerRunResult> {
    const result: ManagerRunResult = { done: 0, skipped: 0, failed: 0 };
    const due = await this.db.personalManagers.where('dueAt').belowOrEqual(this.now()).filter((r) => r.state === 'pending').limit(limit).toArray();
    for (const row of due) {
      try {
        const outcome = await this.apply(row);
        await this.save(row, outcome);
        result[outcome.state === 'done' ? 'done' : 'skipped']++;
      } catch (error) {
        const retryable = isApiError(error) && error.retryable;
        if (retryable) {
          const dueAt = this.now() + retryDelay(row.attempts + 1, error, this.random);
          await this.save(row, { state: 'pending', reason: explain(error), dueAt, attempts: row.attempts + 1 });
          if (error.kind === 'rate-limited') {
            // The limit is the account's: every row waits until it resets, in the order they were due.
            await this.db.transaction('rw', this.db.personalManagers, () =>
              this.db.personalManagers.where('dueAt').below(dueAt).filter((r) => r.state === 'pending').modify((r) => { r.dueAt = dueAt; }));
            result.pausedUntil = dueAt;
            return result;
          }
        } else {
          await this.save(row, { state: 'failed', reason: explain(error), attempts: row.attempts + 1 });
          result.failed++;
        }
      }
    }
    return result;
  }

  /** Records a row's outcome, unless a newer wish (another responsible) arrived for the phone meanwhile. */
  private save(row: PersonalManagerRecord, patch: Partial<PersonalManagerRecord>) {
    return this.db.transaction('rw', this.db.personalManagers, async () => {
      const current = await this.db.personalManagers.get(row.phone);
      if (current && current.autocrmUserId !== row.autocrmUserId) return;
      await this.db.personalManagers.put({ ...row, ...patch, updatedAt: this.now() });
    });
  }

  private async apply(row: PersonalManagerRecord): Promise<Partial<PersonalManagerRecord>> {
    const employeeId = (await this.db.userMap.get(row.autocrmUserId))?.callgearEmployeeId;
    if (employeeId === undefined) return { state: 'skipped', reason: phrase('pmWhyUnmapped', { user: { user: row.autocrmUserId } }) };
    const digits = row.phone.slice(1);
    const named = row.contactId !== null ? await this.callgear.contact(row.contactId) : null;
    const search = named ? { contact: named } : await this.findByPhone(digits);
    if ('refused' in search) return { state: 'skipped', employeeId, reason: search.refused };
    const { contact } = search;
    if (!contact) {
      const lastName = row.clientName?.trim() || `Клиент ${row.phone}`;
      const id = await this.callgear.createContact({ last_name: lastName, phone_numbers: [digits], personal_manager_id: employeeId });
      return { state: 'done', employeeId, contactId: id, reason: phrase('pmWhyCreated') };
    }
    if (contact.personal_manager_id === employeeId) return { state: 'done', employeeId, contactId: contact.id, reason: phrase('pmWhyAlreadySet') };
    // update.contacts requires last_name and phone_numbers, and an array replaces the stored one: send them as they are.
    await this.callgear.updateContact(contact.id, { last_name: contact.last_name || row.clientName || `Клиент ${row.phone}`, phone_numbers: contact.phone_numbers?.length ? contact.phone_numbers : [digits], personal_manager_id: employeeId });
    return { state: 'done', employeeId, contactId: contact.id, reason: contact.personal_manager_id ? phrase('pmWhyChanged', { was: { employee: contact.personal_manager_id } }) : phrase('pmWhySet') };
  }

  /**
   * The contact holding this number, or why it cannot be known. An account that refuses the phone filter
   * is remembered for a day: meanwhile rows are skipped with the reason rather than a contact created
   * blindly (it would duplicate the client's existing one).
   */
  private async findByPhone(digits: string): Promise<{ contact: Contact | null } | { refused: Said | string }> {
    const refused = (await this.db.settings.get(PHONE_SEARCH_REFUSED_KEY))?.value as { at: number; reason: Said | string } | undefined;
    if (refused && this.now() - refused.at < PHONE_SEARCH_RECHECK_MS) return { refused: refused.reason };
    try {
      return { contact: (await this.callgear.contactsByPhone(digits))[0] ?? null };
    } catch (error) {
      if (!isApiError(error) || !SEARCH_REFUSALS.has(error.code ?? '')) throw error;
      const reason = phrase('pmWhySearchRefused', { code: error.code ?? error.kind });
      await this.db.settings.put({ key: PHONE_SEARCH_REFUSED_KEY, value: { at: this.now(), reason } });
      return { refused: reason };
    }
  }
}

/** Answers that mean "this account does not search contacts by phone like that" (data_api/index.html, errors of get methods). */
const SEARCH_REFUSALS = new Set(['filter_prohibited', 'invalid_parameter_value', 'unexpected_parameters']);
export const PHONE_SEARCH_REFUSED_KEY = 'callgearContactPhoneSearchRefused';
const PHONE_SEARCH_RECHECK_MS = 24 * 60 * 60_000;

export type ManagerOverview = { counts: Record<PersonalManagerRecord['state'], number>; rows: PersonalManagerRecord[] };

/** Counts per state and the latest rows, for the options page. */
export async function personalManagerOverview(db: AppDb, latest = 50): Promise<ManagerOverview> {
  const all = await db.personalManagers.orderBy('updatedAt').reverse().toArray();
  const counts = { pending: 0, done: 0, skipped: 0, failed: 0 };
  for (const row of all) counts[row.state]++;
  return { counts, rows: all.slice(0, latest) };
}

/** The admin's "retry": failed and skipped rows (after fixing the mapping, say) become due again. */
export function retryPersonalManagers(db: AppDb, now = Date.now()): Promise<number> {
  return db.personalManagers.where('state').anyOf('failed', 'skipped').modify({ state: 'pending', dueAt: now, attempts: 0 });
}
