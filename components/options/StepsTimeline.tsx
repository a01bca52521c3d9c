import type { EntityRef } from '@/lib/db';
import type { TimelineEntry } from '@/lib/journal/timeline';
import type { PhraseWords } from '@/lib/phrase';
import { t, type MessageKey } from '../i18n';
import { say } from '../shared/say';

/** A link to what was created in AutoCRM, looking like the page's other link buttons. */
export function EntityLink({ entity }: { entity: EntityRef }) {
  const label = `${t(`entity_${entity.entity}` as MessageKey)} № ${entity.id}`;
  if (!entity.url) return <span>{label}</span>;
  return <a class="cg-link-button cg-entity-link" href={entity.url} target="_blank" rel="noreferrer" data-testid="entity-link">{label}</a>;
}

/** A communication's processing, step by step (lib/journal/timeline.ts, built in the worker): time, what happened, its result, links. */
export function StepsTimeline({ entries, ctx }: { entries: TimelineEntry[]; ctx: PhraseWords }) {
  if (entries.length === 0) return <p class="cg-muted">{t('journalNoSteps')}</p>;
  return (
    <ol class="cg-timeline" data-testid="steps">
      {entries.map((e, i) => (
        <li key={i} class={`cg-timeline__item cg-timeline__item--${e.tone}`}>
          <time class="cg-timeline__time">{new Date(e.at).toLocaleTimeString()}</time>
          <span class="cg-timeline__what">{say(e.what, ctx)}</span>
          {e.result && <span class="cg-timeline__result">{say(e.result, ctx)}</span>}
          {e.links.map((link) => <EntityLink key={`${link.entity}-${link.id}`} entity={link} />)}
        </li>
      ))}
    </ol>
  );
}
