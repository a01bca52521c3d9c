import { t, type MessageKey } from '../i18n';

export type TabId = 'calls' | 'chats';
const TABS: { id: TabId; label: MessageKey }[] = [
  { id: 'calls', label: 'tabCalls' },
  { id: 'chats', label: 'tabChats' },
];

/** The product's two tabs, "Звонки" and "Чаты и заявки", as an accessible tab list (arrow keys move). */
export function Tabs({ active, onChange }: { active: TabId; onChange: (tab: TabId) => void }) {
  const move = (delta: number) => {
    const index = TABS.findIndex((tab) => tab.id === active);
    const next = TABS[(index + delta + TABS.length) % TABS.length];
    if (next) onChange(next.id);
  };
  return (
    <div
      class="cg-tabs"
      role="tablist"
      onKeyDown={(event) => {
        if (event.key === 'ArrowRight') move(1);
        if (event.key === 'ArrowLeft') move(-1);
      }}
    >
      {TABS.map((tab) => (
        <button
          key={tab.id}
          id={`tab-${tab.id}`}
          type="button"
          role="tab"
          class="cg-tabs__tab"
          aria-selected={tab.id === active}
          aria-controls={`panel-${tab.id}`}
          tabIndex={tab.id === active ? 0 : -1}
          onClick={() => onChange(tab.id)}
        >
          {t(tab.label)}
        </button>
      ))}
    </div>
  );
}
