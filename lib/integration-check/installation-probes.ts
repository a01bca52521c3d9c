import { ConfigStore } from '../config-store';
import { NEVER, type AppDb, type InboxState } from '../db';
import { IN_LINE } from '../inbox-states';
import type { PipelineConfig } from '../pipeline/config';
import { pollPacing } from '../pipeline/poll-pacing';
import type { LastPoll } from '../pipeline/runner';
import { t, type Probe } from './item';
import { identityOf } from '../config-store';

/** What the caller knows of this browser's installation (the background sees other installations and the softphone). */
export interface InstallationFacts {
  role: string;
  coordinatorSeen: boolean;
  /** Whether the CallGear Softphone extension showed on an AutoCRM page; null when no page was seen yet. */
  softphoneSeen: boolean | null;
}

export interface InstallationContext {
  db: AppDb;
  config: PipelineConfig;
  now: () => number;
  installation: InstallationFacts;
}

const minutesAgo = (c: InstallationContext, at: number) => Math.max(0, Math.round((c.now() - at) / 60_000));

export const installationRole: Probe<InstallationContext> = {
  id: 'installation.role',
  group: 'installation',
  title: t('checkInstThisInstallationSRoleAnd'),
  async run(c) {
    const { role, coordinatorSeen } = c.installation;
    const details = [`role: ${role}`, `coordinator: ${role === 'coordinator' || coordinatorSeen ? 'yes' : 'no'}`];
    if (role === 'coordinator') return { status: 'green', meaning: t('checkInstThisInstallationIsTheCoordinator'), details };
    if (coordinatorSeen) return { status: 'green', meaning: t('checkInstThisInstallationIsAnOperator'), details };
    return {
      status: 'red',
      meaning: t('checkInstNoCoordinatorIsSeenChats'),
      action: t('checkInstMakeOneInstallationTheCoordinator'),
      details,
    };
  },
};

export const installationSoftphone: Probe<InstallationContext> = {
  id: 'installation.softphone',
  group: 'installation',
  title: t('checkInstCallgearSoftphoneOnAutocrmPages'),
  async run(c) {
    const seen = c.installation.softphoneSeen;
    if (seen === null) return { status: 'skipped', meaning: t('checkInstNotCheckedOpenAnyAutocrm'), action: null };
    if (seen) return { status: 'green', meaning: t('checkInstTheCallgearSoftphoneExtensionShows') };
    return {
      status: 'yellow',
      meaning: t('checkInstTheCallgearSoftphoneExtensionDoes'),
      action: t('checkInstInstallCallgearSoftphoneFromThe'),
    };
  },
};

export const installationPoll: Probe<InstallationContext> = {
  id: 'installation.poll',
  group: 'installation',
  title: t('checkInstLastCallgearPoll'),
  async run(c) {
    const last = (await c.db.settings.get('lastPoll'))?.value as LastPoll | undefined;
    const coordinator = c.installation.role === 'coordinator';
    // Operators poll only when their softphone reports a finished communication (entrypoints/background/alarms.ts).
    if (!last && !coordinator) return { status: 'skipped', meaning: t('checkInstAnOperatorPollsCallgearAfter'), action: null };
    if (!last) {
      return {
        status: 'red',
        meaning: t('checkInstTheCoordinatorHasNeverPolled'),
        action: t('checkInstCheckTheAccountsInThe'),
      };
    }
    const ago = minutesAgo(c, last.at);
    const details = [`${ago} min ago`, ...(last.error ? [last.error.code ?? last.error.kind] : [])];
    if (!last.ok) {
      return { status: 'red', meaning: t('checkInstLastPollFailed', { ago }), ...(last.error ? { cause: { ru: last.error.ru, en: last.error.en } } : {}), action: t('checkInstFixTheCauseSeeThe'), details };
    }
    const pacing = await pollPacing(new ConfigStore(c.db), c.now());
    const staleAfterMin = Math.round((2 * pacing.delayMs) / 60_000) + 5;
    if (coordinator && ago > staleAfterMin) {
      return {
        status: 'yellow',
        meaning: t('checkInstTheLastPollWasMin', { ago, every: Math.round(pacing.delayMs / 60_000) || 1 }),
        action: t('checkInstKeepTheCoordinatorSBrowser'),
        details,
      };
    }
    return { status: 'green', meaning: t('checkInstTheLastPollMinAgo', { ago }), details };
  },
};

/** How long a communication may wait before the check calls it late (deferred ones wait for working hours on purpose). */
const LATE_MS = 60 * 60_000;

export const installationBacklog: Probe<InstallationContext> = {
  id: 'installation.backlog',
  group: 'installation',
  title: t('checkInstBacklogWaitingAndNeedingAttention'),
  async run(c) {
    const count = (state: InboxState) => c.db.inbox.where('state').equals(state).count();
    const [needsFix, deferred, ...waitingCounts] = await Promise.all([count('needs-fix'), count('deferred'), ...IN_LINE.map(count)]);
    const waiting = waitingCounts.reduce((a, b) => a + b, 0);
    const oldest = (await c.db.inbox.where('state').anyOf(IN_LINE).filter((i) => i.dueAt < NEVER).sortBy('createdAt'))[0];
    const details = [`waiting: ${waiting}`, `deferred: ${deferred}`, `needs-fix: ${needsFix}`, ...(oldest ? [`oldest: ${oldest.key}, ${minutesAgo(c, oldest.createdAt)} min`] : [])];
    if (needsFix > 0) {
      return { status: 'red', meaning: t('checkInstCommunicationsAreStoppedUntilFixed', { needsFix }), action: t('checkInstOpenTheExtensionSInbox'), details };
    }
    if (oldest && c.now() - oldest.createdAt > LATE_MS) {
      return { status: 'yellow', meaning: t('checkInstTheOldestWaitingCommunicationHas', { minutes: minutesAgo(c, oldest.createdAt) }), action: t('checkInstOpenTheInboxAndLook'), details };
    }
    return { status: 'green', meaning: t('checkInstTheBacklogIsFineNothing'), details };
  },
};

/**
 * Who this installation signs in as and what that lets it do: a coordinator with the integration's accounts
 * takes in every communication; an operator, signed in as their own AutoCRM and CallGear users, takes in only
 * their employee's and sees and creates only what those users may (lib/credential-policy.ts).
 */
export const installationIdentity: Probe<InstallationContext> = {
  id: 'installation.identity',
  group: 'installation',
  title: t('checkInstWhoThisInstallationSignsIn'),
  async run(c) {
    const role = c.installation.role;
    const accounts = await c.db.accounts.toArray();
    const details = accounts.map((a) => {
      const who = a.settings.login ?? (a.kind === 'callgear' ? 'API key' : 'Bearer key');
      return `${a.kind === 'autocrm' ? 'AutoCRM' : 'CallGear'}: signed in as ${who} (${identityOf(a) === 'personal' ? 'own user' : 'integration'})`;
    });
    details.push(
      role === 'coordinator'
        ? 'rights: integration — every call, chat and lead; AutoCRM look-ups and records with the integration user’s rights'
        : `rights: own user — the communications of employee ${c.config.installation.employeeId ?? '(not chosen)'}; AutoCRM look-ups and records with this user’s rights only`,
    );
    if (accounts.length === 0) return { status: 'skipped', meaning: t('checkInstNoAccountIsAddedYet'), action: null, details };
    const integrationOnOperator = role !== 'coordinator' && accounts.some((a) => identityOf(a) === 'integration');
    if (integrationOnOperator) {
      return {
        status: 'red',
        meaning: t('checkInstThisIsAnOperatorInstallation'),
        action: t('checkInstSettingsAccountsEditSignIn'),
        details,
        personal: true,
      };
    }
    return {
      status: 'green',
      meaning:
        role === 'coordinator'
          ? t('checkInstTheCoordinatorSignsInWith')
          : t('checkInstTheOperatorSignsInAs'),
      details,
      personal: true,
    };
  },
};

export const INSTALLATION_PROBES: Probe<InstallationContext>[] = [installationRole, installationIdentity, installationSoftphone, installationPoll, installationBacklog];
