import type { CheckReport } from '@/lib/integration-check/types';
import type { InstallationSettings } from '@/lib/pipeline/config';

/** The hand-over a dealership whose operators also run the extension starts with (minutes). */
export const OPERATORS_HANDOVER_MINUTES = 15;

/**
 * Whether this browser, while an operator, saw signs of a coordinator elsewhere: its last integration check's
 * `installation.role` item says "coordinator: yes" for an operator (lib/check-session.ts installationFacts: a
 * communication of its own was found already created in AutoCRM by the marker). A hint, not proof.
 */
export function coordinatorSeenElsewhere(report: CheckReport | null): boolean {
  const details = report?.items.find((item) => item.id === 'installation.role')?.details ?? [];
  return details.includes('role: operator') && details.includes('coordinator: yes');
}

/**
 * This browser becomes the coordinator. With no other installation seen it is the dealership's only browser:
 * it takes every communication at once (no hand-over; lib/pipeline/ownership.ts waits `handoverMinutes` for
 * an operator's browser). Where another installation was seen, operators' browsers get their hand-over time.
 */
export function becomeCoordinator(installation: InstallationSettings, otherSeen: boolean): InstallationSettings {
  return { ...installation, role: 'coordinator', handoverMinutes: otherSeen ? installation.handoverMinutes || OPERATORS_HANDOVER_MINUTES : 0 };
}

/** Whether the coordinator waits for operators' browsers before taking their communications. */
export const waitsForOperators = (installation: InstallationSettings): boolean => installation.handoverMinutes > 0;

export function withOperatorsToo(installation: InstallationSettings, operatorsToo: boolean): InstallationSettings {
  return { ...installation, handoverMinutes: operatorsToo ? installation.handoverMinutes || OPERATORS_HANDOVER_MINUTES : 0 };
}
