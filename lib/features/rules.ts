import { z } from 'zod/mini';
import { readDictionaries, type Dictionaries } from '../dictionaries';
import { dryRun, type DryRunResult } from '../pipeline/dry-run';
import { saveRuleSet } from '../rules/save-rule-set';
import { ruleSetSchema, type Rules } from '../rules/schema';
import type { RenderResult, TemplateValue } from '../templates/render-protocol';
import { phrase } from '../phrase';
import { SaidError } from '../said-error';
import { message } from './define';

const ruleKind = z.enum(['incomingCalls', 'outgoingCalls', 'chats', 'leads']);

const templateValue: z.ZodMiniType<TemplateValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(templateValue), z.record(z.string(), templateValue)]),
);

/** The rules editor: rules, a template's preview, the services' dictionaries, and a dry run on a real item. */
export const rulesMessages = {
  'rules.get': message({ senders: ['page'], payload: {}, handle: (_, { config }): Promise<Rules> => config.rules() }),

  /** Refused while a policy locks the kind, or while a template does not parse. */
  'rules.save': message({
    senders: ['page'],
    payload: { kind: ruleKind, ruleSet: ruleSetSchema },
    async handle({ kind, ruleSet }, services): Promise<{ saved: true }> {
      await saveRuleSet(services, kind, ruleSet);
      services.checkSoon();
      return { saved: true };
    },
  }),

  render: message({
    senders: ['page'],
    payload: { template: z.string().check(z.maxLength(20_000)), context: z.record(z.string(), templateValue), maxLength: z.optional(z.int().check(z.positive())) },
    handle: async ({ template, context, maxLength }, { renderer }): Promise<RenderResult> => renderer.render({ template, context, maxLength }),
  }),

  'dictionaries.get': message({
    senders: ['page'],
    payload: {},
    async handle(_, { config }): Promise<Dictionaries> {
      return readDictionaries(await config.autocrmClient(), await config.callgearClient());
    },
  }),

  /** What the rules would do with an inbox item, with nothing written to AutoCRM. */
  dryRun: message({
    senders: ['page'],
    payload: { key: z.string().check(z.maxLength(100)) },
    async handle({ key }, { db, config, runner, renderer }): Promise<DryRunResult> {
      const item = await db.inbox.get(key);
      if (!item) throw new SaidError(phrase('features.noSuchItem', { key }));
      const autocrm = await config.autocrmClient();
      if (!autocrm) throw new SaidError(phrase('features.autocrmNotConnected'));
      return dryRun({ db, inbox: runner.inbox, autocrm, renderer, now: Date.now }, item, await config.pipelineConfig(), (id) => config.userOfEmployee(id));
    },
  }),
};
