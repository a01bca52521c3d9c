import type { CheckProgress, CheckReport } from '../integration-check/types';
import { message } from './define';

/** The integration check (options → Check). */
export const checkMessages = {
  /** Runs the check (or joins the run under way) and answers with its report when it ends. */
  'check.run': message({ senders: ['page'], payload: {}, handle: (_, { check }): Promise<CheckReport> => check.run() }),
  /** The last check's report, or null before the first run. */
  'check.last': message({ senders: ['page'], payload: {}, handle: (_, { check }): Promise<CheckReport | null> => check.last() }),
  /** How far the running check is, or null when none runs. */
  'check.progress': message({ senders: ['page'], payload: {}, handle: (_, { check }): Promise<CheckProgress | null> => check.progress() }),
};
