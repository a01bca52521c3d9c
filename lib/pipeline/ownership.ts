import type { InboxItem } from '../db';
import type { InstallationSettings } from './config';
import { phrase, type Phrase } from '../phrase';

export type Ownership = { mine: true } | { mine: false; until: number | null; reason: Phrase };

/**
 * Who processes a communication (docs/decisions.md, "Several installations"): the installation of the employee who handled it; a
 * coordinator takes the rest (lost calls, leads, unassigned chats) at once, and another employee's
 * after the hand-over time, in case that operator's browser is closed. The marker check in AutoCRM
 * keeps two installations from creating the same entity.
 */
export function ownership(item: InboxItem, installation: InstallationSettings, now: number): Ownership {
  const employee = item.comm.employeeId;
  if (employee !== null && employee === installation.employeeId) return { mine: true };
  if (installation.role !== 'coordinator') {
    return { mine: false, until: null, reason: employee === null ? phrase('pipeline.owner.coordinator') : phrase('pipeline.owner.operator', { employee: { employee } }) };
  }
  // Delays count from when this installation first saw the item: after a shared outage every item is
  // old, and a standby must still leave the backlog to the primary.
  const seen = Math.max(Date.parse(item.at), item.createdAt);
  const standbyMs = installation.standbyMinutes * 60_000;
  if (employee === null) {
    return now >= seen + standbyMs ? { mine: true } : { mine: false, until: seen + standbyMs, reason: phrase('pipeline.owner.standby') };
  }
  const handover = seen + installation.handoverMinutes * 60_000 + standbyMs;
  return now >= handover ? { mine: true } : { mine: false, until: handover, reason: phrase('pipeline.owner.handover', { employee: { employee } }) };
}
