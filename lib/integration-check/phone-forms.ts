import type { AppDb } from '../db';
import { PHONE_FORMS, type PhoneForm } from '../phone';

/** The settings key of the phone forms AutoCRM's phone filters were seen to match (the check writes, the runner reads). */
export const PHONE_FORMS_KEY = 'autocrmPhoneForms';

/** The saved forms, or undefined (every form is tried) when the check has not found any. */
export async function storedPhoneForms(db: AppDb): Promise<PhoneForm[] | undefined> {
  const value = (await db.settings.get(PHONE_FORMS_KEY))?.value;
  const forms = Array.isArray(value) ? value.filter((f): f is PhoneForm => (PHONE_FORMS as readonly unknown[]).includes(f)) : [];
  return forms.length > 0 ? forms : undefined;
}
