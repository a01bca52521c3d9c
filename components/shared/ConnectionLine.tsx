import type { ConnectionState } from '@/lib/connection/state';
import { t } from '../i18n';
import { sayPlain } from './say';

const NAMES = { autocrm: 'AutoCRM', callgear: 'CallGear' } as const;
const time = (at: number) => new Date(at).toLocaleString([], { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' });

/** One service's state as the header and the popup show it: never "working" without a check that worked. */
export function connectionText(service: keyof typeof NAMES, c: ConnectionState): { text: string; title?: string; tone: 'ok' | 'error' | 'muted' } {
  const name = NAMES[service];
  switch (c.state) {
    case 'absent':
      return { text: t('connAbsent', name), tone: 'error' };
    case 'configured':
      return { text: t('connConfigured', name), tone: 'muted' };
    case 'checking':
      return { text: t('connChecking', name), tone: 'muted' };
    case 'working':
      return { text: t('connWorking', name), title: t('connCheckedAt', time(c.at)), tone: 'ok' };
    case 'failing':
      return { text: t('connFailing', name), title: `${sayPlain(c.problem.text)} (${t('connCheckedAt', time(c.at))})`, tone: 'error' };
  }
}

export function ConnectionLine({ service, state, as: Tag = 'span' }: { service: keyof typeof NAMES; state: ConnectionState; as?: 'span' | 'li' }) {
  const { text, title, tone } = connectionText(service, state);
  return (
    <Tag class={`cg-conn cg-conn--${tone}`} data-testid={`conn-${service}`} data-state={state.state} title={title}>
      {text}
    </Tag>
  );
}

/** Why a service fails, in full, under the header or in the popup. */
export function ConnectionProblem({ service, state }: { service: keyof typeof NAMES; state: ConnectionState }) {
  if (state.state !== 'failing') return null;
  const text = sayPlain(state.problem.text);
  return (
    <p class="cg-error" data-testid={`conn-problem-${service}`}>
      {text.startsWith(NAMES[service]) ? text : `${NAMES[service]}: ${text}`}
    </p>
  );
}
