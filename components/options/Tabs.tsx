import { t, type MessageKey } from '../i18n';

export type TabId = 'calls' | 'chats';
export type SectionId = 'start' | 'accounts' | TabId | 'hours' | 'users' | 'installation' | 'check' | 'activity' | 'share';

export const SECTIONS: { id: SectionId; label: MessageKey }[] = [
  { id: 'start', label: 'startHeading' },
  { id: 'accounts', label: 'accountsHeading' },
  { id: 'calls', label: 'tabCalls' },
  { id: 'chats', label: 'tabChats' },
  { id: 'hours', label: 'hoursHeading' },
  { id: 'users', label: 'usersHeading' },
  { id: 'installation', label: 'installationHeading' },
  { id: 'check', label: 'checkHeading' },
  { id: 'activity', label: 'activityHeading' },
  { id: 'share', label: 'shareHeading' },
];

/** The sections as an accessible vertical tab list (arrow keys move); "Звонки" and "Чаты и заявки" are the product's two tabs. */
export function Tabs({ active, onChange }: { active: SectionId; onChange: (section: SectionId) => void }) {
  const move = (delta: number) => {
    const index = SECTIONS.findIndex((s) => s.id === active);
    const next = SECTIONS[(index + delta + SECTIONS.length) % SECTIONS.length];
    if (next) onChange(next.id);
  };
  return (
    <nav class="cg-nav" role="tablist" aria-orientation="vertical" onKeyDown={(event) => {
      if (event.key === 'ArrowDown') move(1);
      if (event.key === 'ArrowUp') move(-1);
    }}>
      {SECTIONS.map((section) => (
        <button
          key={section.id}
          id={`tab-${section.id}`}
          type="button"
          role="tab"
          class="cg-nav__tab"
          aria-selected={section.id === active}
          aria-controls={`panel-${section.id}`}
          tabIndex={section.id === active ? 0 : -1}
          onClick={() => onChange(section.id)}
        >
          {t(section.label)}
        </button>
      ))}
    </nav>
  );
}
