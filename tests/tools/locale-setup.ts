import en from '../../public/_locales/en/messages.json';
import ru from '../../public/_locales/ru/messages.json';
import { installLocaleCatalog } from '../../lib/locale-catalog';

// Node has no chrome.i18n: tests read the extension's own locale files, as the worker does.
installLocaleCatalog({ ru, en });
