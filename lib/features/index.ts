import { accountsMessages } from './accounts';
import { callsMessages } from './calls';
import { checkMessages } from './check';
import { configMessages } from './config';
import { diagnosticsMessages } from './diagnostics';
import { inboxMessages } from './inbox';
import { reconcileMessages } from './reconcile';
import { rulesMessages } from './rules';
import { settingsMessages } from './settings';
import { statusMessages } from './status';
import { usersMessages } from './users';

type Joined<T extends object[]> = T extends [infer First, ...infer Rest extends object[]] ? First & Joined<Rest> : unknown;

/** The features' tables as one; a message defined by two features is a mistake, found when this module loads. */
function join<T extends object[]>(...tables: T): Joined<T> {
  const all: Record<string, unknown> = {};
  for (const table of tables) {
    for (const [type, definition] of Object.entries(table)) {
      if (Object.hasOwn(all, type)) throw new Error(`Message "${type}" is defined twice`);
      all[type] = definition;
    }
  }
  return all as Joined<T>;
}

/**
 * Every background message, by feature. Background only: pages and the content script see these through
 * types (lib/messages.ts), so zod and the handlers stay out of their bundles.
 */
export const messages = join(
  statusMessages,
  accountsMessages,
  rulesMessages,
  settingsMessages,
  configMessages,
  inboxMessages,
  callsMessages,
  usersMessages,
  checkMessages,
  reconcileMessages,
  diagnosticsMessages,
);

export type Messages = typeof messages;
export type MessageType = keyof Messages;
