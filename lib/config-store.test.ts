import { describe, expect, test } from 'vitest';
import { ConfigStore, settingsInputSchema } from './config-store';
import { openDb } from './db';

describe('the AutoCRM time zone setting', () => {
  test('Moscow until set; an IANA zone once saved', async () => {
    const store = new ConfigStore(openDb(`config-${Math.random()}`));
    expect((await store.pipelineConfig()).autocrmZone).toBe('Europe/Moscow');
    await store.saveSettings({ autocrmZone: 'Asia/Almaty' });
    expect((await store.pipelineConfig()).autocrmZone).toBe('Asia/Almaty');
  });

  test('a zone luxon does not know is refused', () => {
    expect(settingsInputSchema.safeParse({ autocrmZone: 'Mars/Olympus' }).success).toBe(false);
  });
});
