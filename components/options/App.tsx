import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { AccountsSection } from './AccountsSection';
import { StartSection } from './StartSection';
import { ask } from '../shared/useBackground';
import { CheckSection } from './CheckSection';
import { ActivitySection } from './ActivitySection';
import { HoursSection } from './HoursSection';
import { InstallationSection } from './InstallationSection';
import { RulesPanel } from './RulesPanel';
import { ShareSection } from './ShareSection';
import { SECTIONS, Tabs, type SectionId } from './Tabs';
import { UsersSection } from './UsersSection';
import { pageError, refreshDictionaries, refreshManaged, refreshStatus, status } from './state';
import { ConnectionLine, ConnectionProblem } from '../shared/ConnectionLine';

const fromHash = (): SectionId | null => SECTIONS.find((s) => `#${s.id}` === location.hash)?.id ?? null;

/** The options page: sections on the left, the chosen one on the right; unsaved rules are not lost silently. */
export function App() {
  const [section, setSection] = useState<SectionId>(() => fromHash() ?? 'start');
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    // Without an address, a set-up installation opens on its rules; one still being set up, on the checklist.
    if (!fromHash()) void ask({ type: 'setup.checklist' }).then((steps) => steps.every((s) => s.done) && setSection('calls'));
    void refreshStatus();
    void refreshDictionaries();
    void refreshManaged();
    const timer = setInterval(() => void refreshStatus(), 5_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => history.replaceState(null, '', `#${section}`), [section]);
  useEffect(() => {
    const follow = () => setSection(fromHash() ?? 'start');
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty) e.preventDefault();
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [dirty]);

  const go = (next: SectionId) => {
    if (dirty && !confirm(t('unsavedChanges'))) return;
    setDirty(false);
    setSection(next);
  };
  const s = status.value;

  return (
    <main class="cg-page">
      <header class="cg-page__header">
        <img src="/icon/48.png" width={32} height={32} alt="" />
        <h1>{t('optionsTitle')}</h1>
        {s && <span class="cg-muted" data-testid="version">v{s.version}</span>}
        <span class="cg-header-status" data-testid="connection-state" aria-live="polite">
          {s && (
            <>
              <ConnectionLine service="autocrm" state={s.connections.autocrm} />
              <ConnectionLine service="callgear" state={s.connections.callgear} />
            </>
          )}
        </span>
      </header>
      {s && (
        <div aria-live="polite">
          <ConnectionProblem service="autocrm" state={s.connections.autocrm} />
          <ConnectionProblem service="callgear" state={s.connections.callgear} />
        </div>
      )}
      {pageError.value && <p class="cg-error" role="alert">{pageError.value}</p>}
      <div class="cg-layout">
        <Tabs active={section} onChange={go} />
        <div role="tabpanel" id={`panel-${section}`} aria-labelledby={`tab-${section}`} data-testid={`panel-${section}`} class="cg-panel" key={section}>
          {section === 'start' && <StartSection onGo={go} />}
          {section === 'accounts' && <AccountsSection />}
          {(section === 'calls' || section === 'chats') && (
            <>
              <p class="cg-muted">{section === 'calls' ? t('tabCallsHint') : t('tabChatsHint')}</p>
              <RulesPanel tab={section} onDirty={setDirty} />
            </>
          )}
          {section === 'hours' && <HoursSection />}
          {section === 'users' && <UsersSection />}
          {section === 'installation' && <InstallationSection />}
          {section === 'check' && <CheckSection />}
          {section === 'activity' && <ActivitySection />}
          {section === 'share' && <ShareSection onImported={() => void refreshStatus()} />}
        </div>
      </div>
    </main>
  );
}
