import type { Said } from '../phrase';
import type { EntityType, RuleFields, TemplateFields } from '../rules/schema';

/** What the pure decision step hands the shell: everything the shell does, and the reasons. */
export interface OpenInquiry {
  id: number;
  status: number | null;
}
export interface OpenWorksheet {
  id: number;
  state: number | null;
  kind: string;
}

/** What AutoCRM knows about the communication's client, looked up before deciding. */
export interface Lookups {
  /** The client found by phone; null when none (a primary contact); undefined when not looked up. */
  client?: { id: number } | null;
  inquiries?: OpenInquiry[];
  worksheets?: OpenWorksheet[];
  /** The AutoCRM user mapped from the CallGear employee who took the communication. */
  takerUserId: number | null;
  /** Looked up in this attempt (not reused from an earlier one that may have created things since). */
  fresh?: boolean;
}

export interface CreatePlan {
  type: 'create';
  entity: Exclude<EntityType, 'nothing'>;
  fields: RuleFields;
  responsibleId: number | null;
  /** A worksheet needs a client; the shell creates one when none was found. */
  createClient: boolean;
  templates: TemplateFields;
}

export type Outcome =
  | CreatePlan
  | { type: 'skip'; reason: Said; attachTo?: { entity: 'inquiry' | 'worksheet'; id: number; kind?: string } }
  | { type: 'defer'; until: string; reason: Said }
  | { type: 'misconfigured'; reason: Said };

export interface TaskPlan {
  authorId: number;
  executorId: number;
  deadline: string;
  titleTemplate: string;
}

export interface Plan {
  ruleId: string | null;
  /** A phrase (the base rule, or a clarifying rule by the admin's own name); a string in plans stored before phrases. */
  ruleName: Said;
  outcome: Outcome;
  task: TaskPlan | null;
  /** Calls are logged in AutoCRM (with their record link) so recordings show on the client. */
  logCall: boolean;
  /** Why, in the order the decision was made: shown in Activity. */
  explanation: Said[];
}
