import { z } from 'zod/mini';
import { lookupCaller, type CallerInfo } from '../caller-lookup';
import { startCall, type CallStart } from '../click-to-call';
import { kindToPoll, parseSoftphoneMessage, SOFTPHONE_SOURCE, type SoftphoneEvent } from '../softphone/events';
import { phrase } from '../phrase';
import { SaidError } from '../said-error';
import { message } from './define';

const phone = z.string().check(z.minLength(3), z.maxLength(40));

/**
 * What an AutoCRM page asks for around a call: the softphone's events, the caller's card, click-to-call.
 * Page messages cannot be told from the softphone's, so each is bounded per tab (lib/softphone/page-guard.ts).
 */
export const callsMessages = {
  /** The softphone's event only triggers a poll: the record comes from CallGear's report (docs/softphone-events.md). */
  'softphone.event': message({
    senders: ['content'],
    payload: {
      event: z.custom<SoftphoneEvent>(
        (event) => typeof event === 'object' && event !== null && parseSoftphoneMessage({ ...event, source: SOFTPHONE_SOURCE, version: 1 }) !== null,
        'not a softphone event of contract v1',
      ),
    },
    handle({ event }, { runner, guard, pageNotes }): { accepted: boolean } {
      void pageNotes.softphone();
      const kind = kindToPoll(event);
      // A finished call or chat: read its report soon. Bursts fold into one poll per kind and interval.
      if (kind) guard.poll(kind, () => void runner.run([kind]));
      return { accepted: true };
    },
  }),

  'caller.lookup': message({
    senders: ['content', 'page'],
    payload: { phone },
    async handle({ phone }, { db, config, guard }, from): Promise<CallerInfo> {
      const autocrm = await config.autocrmClient();
      if (!autocrm) throw new SaidError(phrase('features.autocrmNotConnected'));
      return guard.lookup(from.tab, phone, async (number) => {
        const users = new Map((await db.userMap.toArray()).map((u) => [u.autocrmUserId, u.name]));
        return lookupCaller(autocrm, number, users);
      });
    },
  }),

  'call.start': message({
    senders: ['content', 'page'],
    payload: { phone },
    async handle({ phone }, { config, guard }, from): Promise<CallStart> {
      const [callgear, settings, virtualNumber, accounts] = await Promise.all([config.callgearClient(), config.pipelineConfig(), config.clickToCallNumber(), config.accounts()]);
      const setup = {
        callgear,
        employeeId: settings.installation.employeeId,
        virtualNumber,
        autocrmConnected: accounts.some((a) => a.kind === 'autocrm'),
        admitCall: (tab: string) => guard.admitCall(tab),
      };
      return startCall(setup, phone, from);
    },
  }),
};
