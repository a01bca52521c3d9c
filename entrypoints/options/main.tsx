import { render } from 'preact';
import { browser } from 'wxt/browser';
import { App } from '@/components/options/App';
import '@/components/shared/theme.css';

document.documentElement.lang = browser.i18n.getUILanguage().startsWith('ru') ? 'ru' : 'en';
document.title = browser.i18n.getMessage('extName');
render(<App />, document.getElementById('app')!);
