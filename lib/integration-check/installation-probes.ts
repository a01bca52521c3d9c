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
  title: t('Роль этой установки и координатор', 'This installation’s role and the coordinator'),
  async run(c) {
    const { role, coordinatorSeen } = c.installation;
    const details = [`role: ${role}`, `coordinator: ${role === 'coordinator' || coordinatorSeen ? 'yes' : 'no'}`];
    if (role === 'coordinator') return { status: 'green', meaning: t('Эта установка — координатор: она забирает все звонки, чаты и заявки.', 'This installation is the coordinator: it takes in every call, chat and lead.'), details };
    if (coordinatorSeen) return { status: 'green', meaning: t('Эта установка — оператор; координатор в дилерском центре есть.', 'This installation is an operator; the dealership has a coordinator.'), details };
    return {
      status: 'red',
      meaning: t('Координатора не видно: чаты, заявки и звонки, которые не принял ни один оператор с расширением, никто не перенесёт в AutoCRM.', 'No coordinator is seen: chats, leads and calls no operator with the extension took will not reach AutoCRM.'),
      action: t('Назначьте одну установку координатором: «Настройки → Эта установка → Роль: координатор» (лучше на компьютере, который включён весь день).', 'Make one installation the coordinator: Settings → This installation → Role: coordinator (preferably on a computer that is on all day).'),
      details,
    };
  },
};

export const installationSoftphone: Probe<InstallationContext> = {
  id: 'installation.softphone',
  group: 'installation',
  title: t('CallGear Softphone на страницах AutoCRM', 'CallGear Softphone on AutoCRM pages'),
  async run(c) {
    const seen = c.installation.softphoneSeen;
    if (seen === null) return { status: 'skipped', meaning: t('Не проверено: откройте любую страницу AutoCRM в этом браузере и запустите проверку снова.', 'Not checked: open any AutoCRM page in this browser and run the check again.'), action: null };
    if (seen) return { status: 'green', meaning: t('Расширение CallGear Softphone видно на страницах AutoCRM: карточка звонящего появится рядом с ним.', 'The CallGear Softphone extension shows on AutoCRM pages: the caller card appears next to it.') };
    return {
      status: 'yellow',
      meaning: t('Расширение CallGear Softphone не видно на страницах AutoCRM: звонки из софтфона не будут сопровождаться карточкой клиента.', 'The CallGear Softphone extension does not show on AutoCRM pages: softphone calls will come without the client card.'),
      action: t('Установите CallGear Softphone из Chrome Web Store и войдите в него, затем обновите страницу AutoCRM.', 'Install CallGear Softphone from the Chrome Web Store and sign in, then reload the AutoCRM page.'),
    };
  },
};

export const installationPoll: Probe<InstallationContext> = {
  id: 'installation.poll',
  group: 'installation',
  title: t('Последний опрос CallGear', 'Last CallGear poll'),
  async run(c) {
    const last = (await c.db.settings.get('lastPoll'))?.value as LastPoll | undefined;
    const coordinator = c.installation.role === 'coordinator';
    // Operators poll only when their softphone reports a finished communication (entrypoints/background/alarms.ts).
    if (!last && !coordinator) return { status: 'skipped', meaning: t('Оператор опрашивает CallGear после каждого звонка в софтфоне; звонков ещё не было.', 'An operator polls CallGear after each softphone call; there has been none yet.'), action: null };
    if (!last) {
      return {
        status: 'red',
        meaning: t('Координатор ещё ни разу не опрашивал CallGear: звонки, чаты и заявки не забираются.', 'The coordinator has never polled CallGear: calls, chats and leads are not taken in.'),
        action: t('Проверьте аккаунты в настройках и оставьте браузер открытым на минуту.', 'Check the accounts in the settings and leave the browser open for a minute.'),
      };
    }
    const ago = minutesAgo(c, last.at);
    const details = [`${ago} min ago`, ...(last.error ? [last.error.code ?? last.error.kind] : [])];
    if (!last.ok) {
      return { status: 'red', meaning: t(`Последний опрос ${ago} мин назад не удался: ${last.error?.ru ?? 'ошибка'}`, `The last poll ${ago} min ago failed: ${last.error?.en ?? 'error'}`), action: t('Исправьте причину (см. пункты CallGear выше).', 'Fix the cause (see the CallGear items above).'), details };
    }
    const pacing = await pollPacing(new ConfigStore(c.db), c.now());
    const staleAfterMin = Math.round((2 * pacing.delayMs) / 60_000) + 5;
    if (coordinator && ago > staleAfterMin) {
      return {
        status: 'yellow',
        meaning: t(`Последний опрос был ${ago} мин назад, хотя должен идти каждые ${Math.round(pacing.delayMs / 60_000) || 1} мин: браузер, вероятно, был закрыт или спал.`, `The last poll was ${ago} min ago, though one is due every ${Math.round(pacing.delayMs / 60_000) || 1} min: the browser was probably closed or asleep.`),
        action: t('Держите браузер координатора открытым в рабочее время.', 'Keep the coordinator’s browser open during working hours.'),
        details,
      };
    }
    return { status: 'green', meaning: t(`Последний опрос ${ago} мин назад прошёл успешно.`, `The last poll ${ago} min ago succeeded.`), details };
  },
};

/** How long a communication may wait before the check calls it late (deferred ones wait for working hours on purpose). */
const LATE_MS = 60 * 60_000;

export const installationBacklog: Probe<InstallationContext> = {
  id: 'installation.backlog',
  group: 'installation',
  title: t('Очередь: ожидающие и требующие внимания', 'Backlog: waiting and needing attention'),
  async run(c) {
    const count = (state: InboxState) => c.db.inbox.where('state').equals(state).count();
    const [needsFix, deferred, ...waitingCounts] = await Promise.all([count('needs-fix'), count('deferred'), ...IN_LINE.map(count)]);
    const waiting = waitingCounts.reduce((a, b) => a + b, 0);
    const oldest = (await c.db.inbox.where('state').anyOf(IN_LINE).filter((i) => i.dueAt < NEVER).sortBy('createdAt'))[0];
    const details = [`waiting: ${waiting}`, `deferred: ${deferred}`, `needs-fix: ${needsFix}`, ...(oldest ? [`oldest: ${oldest.key}, ${minutesAgo(c, oldest.createdAt)} min`] : [])];
    if (needsFix > 0) {
      return { status: 'red', meaning: t(`${needsFix} коммуникаций остановлены и ждут исправления: в AutoCRM их нет.`, `${needsFix} communications are stopped until fixed: they are not in AutoCRM.`), action: t('Откройте «Входящие» в расширении, фильтр «Требует исправления», исправьте причину и нажмите «Повторить».', 'Open the extension’s Inbox, filter “Needs fix”, fix the cause and press “Retry”.'), details };
    }
    if (oldest && c.now() - oldest.createdAt > LATE_MS) {
      return { status: 'yellow', meaning: t(`Старейшая ожидающая коммуникация ждёт ${minutesAgo(c, oldest.createdAt)} мин.`, `The oldest waiting communication has waited ${minutesAgo(c, oldest.createdAt)} min.`), action: t('Откройте «Входящие» и посмотрите причину у этой коммуникации.', 'Open the Inbox and look at that communication’s reason.'), details };
    }
    return { status: 'green', meaning: t('Очередь в порядке: ничего не застряло.', 'The backlog is fine: nothing is stuck.'), details };
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
  title: t('Под кем входит эта установка и что ей можно', 'Who this installation signs in as, and what it may do'),
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
    if (accounts.length === 0) return { status: 'skipped', meaning: t('Аккаунты ещё не добавлены.', 'No account is added yet.'), action: null, details };
    const integrationOnOperator = role !== 'coordinator' && accounts.some((a) => identityOf(a) === 'integration');
    if (integrationOnOperator) {
      return {
        status: 'red',
        meaning: t('Это установка оператора, а аккаунт сохранён как учётная запись интеграции: ключи интеграции здесь не хранятся, и установка не может войти.', 'This is an operator installation but an account is saved as the integration’s: integration keys are not kept here, so the installation cannot sign in.'),
        action: t('Настройки → Аккаунты → «Изменить»: войдите своим логином и паролем AutoCRM и CallGear.', 'Settings → Accounts → Edit: sign in with your own AutoCRM and CallGear login and password.'),
        details,
        personal: true,
      };
    }
    return {
      status: 'green',
      meaning:
        role === 'coordinator'
          ? t('Координатор входит под учётными записями интеграции и забирает все коммуникации.', 'The coordinator signs in with the integration’s accounts and takes in every communication.')
          : t('Оператор входит как он сам: установка видит и создаёт в AutoCRM только то, что разрешено его пользователю.', 'The operator signs in as themselves: the installation sees and creates in AutoCRM only what their user may.'),
      details,
      personal: true,
    };
  },
};

export const INSTALLATION_PROBES: Probe<InstallationContext>[] = [installationRole, installationIdentity, installationSoftphone, installationPoll, installationBacklog];
