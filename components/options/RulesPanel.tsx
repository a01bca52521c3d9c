import { useEffect, useState } from 'preact/hooks';
import type { RuleKind } from '@/lib/domain/communication';
import type { InboxItem } from '@/lib/db';
import { describeBase, describeClarifying, type NameOf } from '@/lib/rules/describe';
import type { ClarifyingRule, RuleSet, Rules } from '@/lib/rules/schema';
import { sampleContext } from '@/lib/templates/sample-values';
import { templateContext } from '@/lib/templates/context';
import type { Dictionaries } from '@/lib/dictionaries';
import { t, type MessageKey } from '../i18n';
import { ask } from '../shared/useBackground';
import { errorText, journalWords } from '../shared/say';
import { sayText } from '@/lib/phrase';
import { ConditionGroupEditor } from './ConditionGroupEditor';
import { COMM_KIND, RuleFieldsEditor } from './RuleFieldsEditor';
import { RulesReadiness } from './RulesReadiness';
import type { PreviewSource } from './TemplateField';
import type { TabId } from './Tabs';
import { dictionaries, managed } from './state';

const KINDS_OF_TAB: Record<TabId, RuleKind[]> = { calls: ['incomingCalls', 'outgoingCalls'], chats: ['chats', 'leads'] };
const KIND_TITLE: Record<RuleKind, MessageKey> = { incomingCalls: 'kindIncomingCalls', outgoingCalls: 'kindOutgoingCalls', chats: 'kindChats', leads: 'kindLeads' };

/** A realistic sample first, then the kind's recent real communications from the inbox. */
function previewSources(kind: RuleKind, recent: InboxItem[]): PreviewSource[] {
  const sample: PreviewSource = { id: 'sample', label: t('previewSample'), context: sampleContext(COMM_KIND[kind]) };
  const real = recent
    .filter((item) => item.ruleKind === kind && Object.keys(item.comm.variables).length > 0)
    .slice(0, 10)
    .map((item) => ({ id: item.key, label: `${new Date(item.at).toLocaleString()} · ${item.comm.contactPhone ?? item.key}`, context: templateContext(item.comm, 'Europe/Moscow') }));
  return [sample, ...real];
}

const nameOfFrom = (d: Dictionaries | null): NameOf => (dictionary, id) => {
  const list = (d as unknown as Record<string, { id: number | string; name: string }[]> | null)?.[dictionary] ?? [];
  const found = list.find((c) => String(c.id) === String(id));
  return found ? `«${found.name}»` : `#${String(id)}`;
};

const newRule = (): ClarifyingRule => ({ id: `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, name: t('newRuleName'), enabled: true, when: { op: 'and', items: [] }, fields: {} });

/** Each kind on the tab: the base rule and its ordered clarifying rules, with a sentence under each. */
export function RulesPanel({ tab, onDirty }: { tab: TabId; onDirty?: (dirty: boolean) => void }) {
  const [saved, setSaved] = useState<Rules | null>(null);
  const [draft, setDraft] = useState<Rules | null>(null);
  const [recent, setRecent] = useState<InboxItem[]>([]);
  const [messages, setMessages] = useState<Partial<Record<RuleKind | 'load', { ok: boolean; text: string }>>>({});
  const [dragging, setDragging] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());

  useEffect(() => {
    ask({ type: 'inbox.list', limit: 50 }).then(setRecent, () => setRecent([]));
    ask({ type: 'rules.get' }).then(
      (rules) => {
        setSaved(rules);
        setDraft(structuredClone(rules));
      },
      (e: unknown) => setMessages({ load: { ok: false, text: errorText(e) } }),
    );
  }, []);
  useEffect(() => onDirty?.(Boolean(draft && saved && JSON.stringify(draft) !== JSON.stringify(saved))), [draft, saved]);

  if (!draft || !saved) return <p class="cg-muted">{messages.load?.text ?? t('loading')}</p>;
  const d = dictionaries.value;
  const nameOf = nameOfFrom(d);
  const words = journalWords(d, undefined);

  const update = (kind: RuleKind, change: (ruleSet: RuleSet) => void) => {
    const next = structuredClone(draft);
    change(next[kind]);
    setDraft(next);
    setMessages({ ...messages, [kind]: undefined });
  };
  const move = (kind: RuleKind, from: number, to: number) =>
    update(kind, (r) => {
      if (to < 0 || to >= r.clarifying.length) return;
      const [rule] = r.clarifying.splice(from, 1);
      r.clarifying.splice(to, 0, rule!);
    });

  const save = async (kind: RuleKind) => {
    try {
      await ask({ type: 'rules.save', kind, ruleSet: draft[kind] });
      setSaved({ ...saved, [kind]: structuredClone(draft[kind]) });
      setMessages({ ...messages, [kind]: { ok: true, text: t('saved') } });
    } catch (e) {
      setMessages({ ...messages, [kind]: { ok: false, text: errorText(e) } });
    }
  };

  return (
    <div>
      {KINDS_OF_TAB[tab].map((kind) => {
        const set = draft[kind];
        const locked = managed.value?.lockedRules.includes(kind) ?? false;
        const sources = previewSources(kind, recent);
        return (
          <section class="cg-card" key={kind} data-testid={`rules-${kind}`}>
            <h2>
              {t(KIND_TITLE[kind])} {locked && <span class="cg-badge" title={t('lockedHint')}>{t('locked')}</span>}
            </h2>
            <RulesReadiness set={set} kind={kind} />
            <h3>{t('clarifyingRules')}</h3>
            <p class="cg-muted">{t('clarifyingHint')}</p>
            <ol class="cg-rules">
              {set.clarifying.map((rule, index) => (
                <li
                  key={rule.id}
                  class={dragging === index ? 'cg-rule cg-rule--dragging' : 'cg-rule'}
                  data-testid={`clarifying-${kind}-${index}`}
                  draggable={!locked}
                  onDragStart={() => setDragging(index)}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={() => dragging !== null && (move(kind, dragging, index), setDragging(null))}
                  onDragEnd={() => setDragging(null)}
                >
                  <details
                    open={expanded.has(rule.id)}
                    onToggle={(e) => {
                      const isOpen = e.currentTarget.open;
                      if (isOpen !== expanded.has(rule.id)) setExpanded((old) => { const next = new Set(old); if (isOpen) next.add(rule.id); else next.delete(rule.id); return next; });
                    }}
                  >
                    <summary>
                      <span class="cg-drag" aria-hidden="true">⋮⋮</span>
                      <strong>{index + 1}. {rule.name}</strong> {!rule.enabled && <span class="cg-badge">{t('off')}</span>}
                      <span class="cg-sentence" data-testid="rule-sentence">{sayText(describeClarifying(kind, rule, nameOf), words)}</span>
                    </summary>
                    <div class="cg-actions">
                      <label class="cg-field cg-field--inline">
                        <span class="cg-field__label">{t('ruleName')}</span>
                        <input class="cg-input" value={rule.name} onInput={(e) => update(kind, (r) => (r.clarifying[index]!.name = e.currentTarget.value))} />
                      </label>
                      <label class="cg-check">
                        <input type="checkbox" checked={rule.enabled} onChange={(e) => update(kind, (r) => (r.clarifying[index]!.enabled = e.currentTarget.checked))} /> {t('enabled')}
                      </label>
                      <button type="button" class="cg-icon-button" aria-label={t('moveUp')} disabled={index === 0} onClick={() => move(kind, index, index - 1)}>↑</button>
                      <button type="button" class="cg-icon-button" aria-label={t('moveDown')} disabled={index === set.clarifying.length - 1} onClick={() => move(kind, index, index + 1)}>↓</button>
                      <button type="button" class="cg-link-button" onClick={() => update(kind, (r) => r.clarifying.splice(index, 1))}>{t('delete')}</button>
                    </div>
                    <ConditionGroupEditor kind={kind} group={rule.when} dictionaries={d} onChange={(when) => update(kind, (r) => (r.clarifying[index]!.when = when))} />
                    <RuleFieldsEditor id={`${kind}-c${index}`} kind={kind} clarifying baseBrandId={set.base.brandId} fields={rule.fields} saved={saved[kind].clarifying.find((c) => c.id === rule.id)?.fields ?? {}} dictionaries={d} previewSources={sources} disabled={locked} onChange={(fields) => update(kind, (r) => (r.clarifying[index]!.fields = fields))} />
                  </details>
                </li>
              ))}
            </ol>
            <button
              type="button"
              class="cg-link-button"
              disabled={locked}
              data-testid={`add-rule-${kind}`}
              onClick={() => {
                const rule = newRule();
                setExpanded((old) => new Set(old).add(rule.id));
                update(kind, (r) => r.clarifying.push(rule));
              }}
            >
              + {t('addClarifyingRule')}
            </button>
            <h3>{t('baseRule')}</h3>
            <p class="cg-muted">{t('baseRuleHint')}</p>
            <p class="cg-sentence" data-testid={`base-sentence-${kind}`}>{sayText(describeBase(set.base, nameOf), words)}</p>
            <RuleFieldsEditor id={kind} kind={kind} clarifying={false} fields={set.base} saved={saved[kind].base} dictionaries={d} previewSources={sources} disabled={locked} onChange={(base) => update(kind, (r) => (r.base = base))} />
            <div class="cg-actions">
              <button type="button" class="cg-button" disabled={locked} onClick={() => save(kind)} data-testid={`save-${kind}`}>
                {t('save')}
              </button>
              <span class={messages[kind]?.ok === false ? 'cg-error' : 'cg-ok'} role="status" data-testid={`save-status-${kind}`}>
                {messages[kind]?.text}
              </span>
            </div>
          </section>
        );
      })}
    </div>
  );
}
