import { useEffect, useState } from 'preact/hooks';
import type { ResponseMap } from '@/lib/messages';
import type { SettingsInput } from '@/lib/config-store';
import { t } from '../i18n';
import { ask } from '../shared/useBackground';
import { useReportDirty } from './unsaved';
import { errorText } from '../shared/say';

type Settings = ResponseMap['settings.get'];

/**
 * Loads the settings, keeps a draft, saves one part atomically (validated in the background). The draft
 * reports unsaved changes to the page's guard (components/options/unsaved.ts).
 */
export function useSettings() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    ask({ type: 'settings.get' }).then(
      (loaded) => {
        setSettings(loaded);
        setSaved(loaded);
      },
      (e: unknown) => setMessage({ ok: false, text: errorText(e) }),
    );
  }, []);
  const dirty = settings !== null && saved !== null && JSON.stringify(settings) !== JSON.stringify(saved);
  useReportDirty(dirty);
  const save = async (part: SettingsInput) => {
    try {
      await ask({ type: 'settings.save', settings: part });
      // What was saved is the new baseline; the draft shows it as saved (e.g. a poll interval raised to 30 s).
      setSaved((s) => (s ? { ...s, ...part } : s));
      setSettings((s) => (s ? { ...s, ...part } : s));
      setMessage({ ok: true, text: t('saved') });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    }
  };
  return { settings, setSettings, save, message, setMessage, dirty };
}
