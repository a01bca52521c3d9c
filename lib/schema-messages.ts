import { config, locales } from 'zod/mini';

/**
 * zod/mini installs no error locale, so every issue would read "Invalid input". Three messages show
 * zod's words to a person: a malformed message's error reply (lib/features/parse.ts), an AutoCRM answer
 * of an unexpected shape (lib/autocrm/client.ts) and a quarantined CallGear report row (lib/callgear/
 * client.ts). They keep what classic zod said: its English locale, installed once for the whole
 * extension by the modules whose schemas produce them (the configuration import words its refusals from
 * the code instead: lib/config-fields.ts).
 */
config(locales.en());
