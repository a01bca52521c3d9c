import { useEffect, useState } from 'preact/hooks';
import type { CommKind, RuleKind } from '@/lib/domain/communication';
import { FIELD_LIMITS } from '@/lib/pipeline/limits';
import { DEFAULT_TEMPLATES, defaultRules } from '@/lib/rules/defaults';
import type { EntityType, RuleSet, Rules, TemplateField as TemplateFieldName } from '@/lib/rules/schema';
import { sampleContext } from '@/lib/templates/catalog';
import { t, type MessageKey } from '../i18n';
import { ask } from '../shared/useBackground';
import { TemplateField, type PreviewSource } from './TemplateField';
import type { InboxItem } from '@/lib/db';
import { templateContext } from '@/lib/templates/context';
import type { TabId } from './Tabs';

const KINDS_OF_TAB: Record<TabId, RuleKind[]> = { calls: ['incomingCalls', 'outgoingCalls'], chats: ['chats', 'leads'] };
const COMM_KIND: Record<RuleKind, CommKind> = { incomingCalls: 'call', outgoingCalls: 'call', chats: 'chat', leads: 'lead' };
const KIND_TITLE: Record<RuleKind, MessageKey> = { incomingCalls: 'kindIncomingCalls', outgoingCalls: 'kindOutgoingCalls', chats: 'kindChats', leads: 'kindLeads' };
const ENTITY_LABEL: Record<EntityType, MessageKey> = { inquiry: 'entityInquiry', serviceInquiry: 'entityServiceInquiry', worksheet: 'entityWorksheet', nothing: 'entityNothing' };
const FIELDS: { name: Exclude<TemplateFieldName, 'title'>; label: MessageKey }[] = [
  { name: 'comment', label: 'fieldComment' },
  { name: 'source', label: 'fieldSource' },
  { name: 'subSource', label: 'fieldSubSource' },
];

/** A realistic sample first, then the kind's recent real communications from the inbox. */
function previewSources(kind: RuleKind, recent: InboxItem[]): PreviewSource[] {
  const sample: PreviewSource = { id: 'sample', label: t('previewSample'), context: sampleContext(COMM_KIND[kind]) };
  const real = recent
    .filter((item) => item.ruleKind === kind && Object.keys(item.comm.variables).length > 0)
    .slice(0, 10)
    .map((item) => ({ id: item.key, label: `${new Date(item.at).toLocaleString()} · ${item.comm.contactPhone ?? item.key}`, context: templateContext(item.comm, 'Europe/Moscow') }));
  return [sample, ...real];
}

/** The base rule of each kind on a tab: what to create, and its Comment, Source and Sub-source templates. */
export function RulesPanel({ tab }: { tab: TabId }) {
  const [saved, setSaved] = useState<Rules | null>(null);
  const [draft, setDraft] = useState<Rules | null>(null);
  const [messages, setMessages] = useState<Partial<Record<RuleKind | 'load', { ok: boolean; text: string }>>>({});

  const [recent, setRecent] = useState<InboxItem[]>([]);

  useEffect(() => {
    ask({ type: 'inbox.list', limit: 50 }).then(setRecent, () => setRecent([]));
    ask({ type: 'rules.get' }).then((rules) => {
      setSaved(rules);
      setDraft(structuredClone(rules));
    }, (e: unknown) => setMessages({ load: { ok: false, text: String(e instanceof Error ? e.message : e) } }));
  }, []);

  if (!draft || !saved) return <p class="cg-muted">{messages.load?.text ?? t('loading')}</p>;

  const update = (kind: RuleKind, change: (ruleSet: RuleSet) => void) => {
    const next = structuredClone(draft);
    change(next[kind]);
    setDraft(next);
    setMessages({ ...messages, [kind]: undefined });
  };

  const save = async (kind: RuleKind) => {
    try {
      await ask({ type: 'rules.save', kind, ruleSet: draft[kind] });
      setSaved({ ...saved, [kind]: structuredClone(draft[kind]) });
      setMessages({ ...messages, [kind]: { ok: true, text: t('saved') } });
    } catch (e) {
      setMessages({ ...messages, [kind]: { ok: false, text: String(e instanceof Error ? e.message : e) } });
    }
  };

  return (
    <div>
      {KINDS_OF_TAB[tab].map((kind) => {
        const base = draft[kind].base;
        const savedBase = saved[kind].base;
        return (
          <section class="cg-card" key={kind} data-testid={`rules-${kind}`}>
            <h2>{t(KIND_TITLE[kind])}</h2>
            <p class="cg-muted">{t('baseRuleHint')}</p>
            <label class="cg-field">
              <span class="cg-field__label">{t('entityType')}</span>
              <select class="cg-input" value={base.entity ?? 'nothing'} onChange={(e) => update(kind, (r) => (r.base.entity = e.currentTarget.value as EntityType))}>
                {(Object.keys(ENTITY_LABEL) as EntityType[]).map((entity) => (
                  <option key={entity} value={entity}>
                    {t(ENTITY_LABEL[entity])}
                  </option>
                ))}
              </select>
            </label>
            {FIELDS.map(({ name, label }) => (
              <TemplateField
                key={name}
                id={`${kind}-${name}`}
                label={t(label)}
                kind={COMM_KIND[kind]}
                value={base.templates?.[name] ?? ''}
                saved={savedBase.templates?.[name] ?? ''}
                fallback={defaultRules()[kind].base.templates?.[name] ?? DEFAULT_TEMPLATES[kind][name]}
                previewSources={previewSources(kind, recent)}
                maxLength={FIELD_LIMITS[name]}
                onChange={(value) => update(kind, (r) => (r.base.templates = { ...r.base.templates, [name]: value }))}
              />
            ))}
            <div class="cg-actions">
              <button type="button" class="cg-button" onClick={() => save(kind)} data-testid={`save-${kind}`}>
                {t('save')}
              </button>
              <span class={messages[kind]?.ok === false ? 'cg-error' : 'cg-ok'} role="status">
                {messages[kind]?.text}
              </span>
            </div>
          </section>
        );
      })}
    </div>
  );
}
