import { describe, expect, test } from 'vitest';
import { openDb } from '../db';
import { droppedFieldsNotice, droppedFieldsView } from './dropped-fields';
import { DROPPED_FIELDS_KEY } from './intake';

describe('refused report fields, as the activity log shows them', () => {
  test('nothing refused: no notice', () => {
    expect(droppedFieldsNotice({})).toBeNull();
    expect(droppedFieldsNotice({ call: [], chat: [] })).toBeNull();
  });

  test('names each report by CallGear’s name and its refused fields, as a phrase', () => {
    expect(droppedFieldsNotice({ lead: ['utm_term'], call: ['scenario_name', 'utm_term', 'scenario_name'] })).toEqual({
      key: 'pipeline.droppedFields',
      params: { list: 'calls: scenario_name, utm_term; offline_messages: utm_term' },
    });
  });

  test('reads what intake remembered for the runner’s account', async () => {
    const db = openDb(`dropped-${Math.random()}`);
    await expect(droppedFieldsView(db)).resolves.toEqual({ fields: {}, text: null });
    await db.settings.put({ key: `${DROPPED_FIELDS_KEY}:default`, value: { fields: { chat: ['visitor_session_id'] }, at: Date.now() } });
    const view = await droppedFieldsView(db);
    expect(view.fields).toEqual({ chat: ['visitor_session_id'] });
    expect(view.text).toEqual({ key: 'pipeline.droppedFields', params: { list: 'chats: visitor_session_id' } });
  });
});
