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
import { nextDirtySet, UnsavedContext, type ReportDirty } from './unsaved';
import { onAnnounced } from '../models/model';

const fromHash = (): SectionId | null => SECTIONS.find((s) => `#${s.id}` === location.hash)?.id ?? null;

const NOTHING_UNSAVED: ReadonlySet<string> = new Set();

/** The options page: sections on the left, the chosen one on the right; no section's unsaved draft is lost silently. */
export function App() {
  const [section, setSection] = useState<SectionId>(() => fromHash() ?? 'start');
  const [unsaved, setUnsaved] = useState(NOTHING_UNSAVED);
  const reportDirty: ReportDirty = (source, dirty) => setUnsaved((current) => nextDirtySet(current, source, dirty));
  const dirty = unsaved.size > 0;

  useEffect(() => {
    // Without an address, a set-up installation opens on its rules; one still being set up, on the checklist.
    if (!fromHash()) void ask({ type: 'setup.checklist' }).then((steps) => steps.every((s) => s.done) && setSection('calls'));
    void refreshStatus();
    void refreshDictionaries();
    void refreshManaged();
    // The header follows the background's announcements: no timer, so the open page lets the worker sleep.
    return onAnnounced(['status', 'config'], () => void refreshStatus());
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
    if (next === section) return;
    if (dirty && !confirm(t('unsavedChangesAny'))) return;
    setUnsaved(NOTHING_UNSAVED);
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
      <UnsavedContext.Provider value={reportDirty}>
      <div class="cg-layout">
        <Tabs active={section} onChange={go} />
        <div role="tabpanel" id={`panel-${section}`} aria-labelledby={`tab-${section}`} data-testid={`panel-${section}`} class="cg-panel" key={section}>
          {section === 'start' && <StartSection onGo={go} />}
          {section === 'accounts' && <AccountsSection />}
          {(section === 'calls' || section === 'chats') && (
            <>
              <p class="cg-muted">{section === 'calls' ? t('tabCallsHint') : t('tabChatsHint')}</p>
              <RulesPanel tab={section} onDirty={(d) => reportDirty('rules', d)} />
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
      </UnsavedContext.Provider>
    </main>
  );
}
