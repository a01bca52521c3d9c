import type { EntityRef } from '../db';

/**
 * Links into AutoCRM's web UI for what the extension created. The UI's URL scheme is not in the API
 * reference; these PROPOSED paths are kept here, in one place, to change when a live instance shows
 * the real ones (the simulator's pages follow them).
 */
const PATHS: Record<EntityRef['entity'], (id: number) => string> = {
  inquiry: (id) => `/requests/${id}`,
  serviceInquiry: (id) => `/service-requests/${id}`,
  worksheet: (id) => `/worksheets/${id}`,
  client: (id) => `/clients/${id}`,
  task: (id) => `/tasks/${id}`,
  call: (id) => `/calls/${id}`,
};

export function entityUrl(origin: string, entity: EntityRef['entity'], id: number): string {
  return `${origin}${PATHS[entity](id)}`;
}
