import { collectDiagnosticReport } from '../diagnostics/collect';
import { requestLog } from '../diagnostics/service';
import { message } from './define';

export const diagnosticsMessages = {
  /** The diagnostic report for support (lib/diagnostics), as JSON text ready to save as a file. */
  'diagnostics.report': message({
    senders: ['page'],
    payload: {},
    handle: (_, { db, config, version, userAgent }): Promise<string> => collectDiagnosticReport({ db, config, log: requestLog, extensionVersion: version, userAgent }),
  }),
};
