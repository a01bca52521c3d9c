import { useEffect, useState } from 'preact/hooks';
import type { ResponseMap } from '@/lib/messages';
import type { SettingsInput } from '@/lib/config-store';
import { t } from '../i18n';
import { ask } from '../shared/useBackground';

type Settings = ResponseMap['settings.get'];

/** Loads the settings, keeps a draft, saves one part atomically (validated in the background). */
export function useSettings() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    ask({ type: 'settings.get' }).then(setSettings, (e: unknown) => setMessage({ ok: false, text: String(e) }));
  }, []);
  const save = async (part: SettingsInput) => {
    try {
      await ask({ type: 'settings.save', settings: part });
      setMessage({ ok: true, text: t('saved') });
    } catch (e) {
      setMessage({ ok: false, text: String(e instanceof Error ? e.message : e) });
    }
  };
  return { settings, setSettings, save, message, setMessage };
}
