import type { Choice, ModelChoice } from '../dictionaries';

/** Text as a search compares it: case and ё/е do not matter, runs of spaces are one. */
const folded = (text: string) => text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** The choices whose name contains every word typed, in the dictionary's order; all of them for an empty query. */
export function filterChoices<C extends Choice>(choices: C[], query: string): C[] {
  const words = folded(query).split(' ').filter(Boolean);
  if (words.length === 0) return choices;
  return choices.filter((c) => {
    const name = folded(c.name);
    return words.every((word) => name.includes(word));
  });
}

/** A brand's models, by name; none before a brand is chosen. */
export function modelsOfBrand(models: ModelChoice[], brandId: number | undefined): ModelChoice[] {
  if (brandId === undefined) return [];
  return models.filter((m) => m.brandId === brandId).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

/** What a select shows for a stored id: its dictionary entry, or that the id is not in the dictionary (never dropped). */
export type StoredChoice = { kind: 'none' } | { kind: 'known'; choice: Choice } | { kind: 'unknown'; id: number | string };

export function storedChoice(choices: Choice[], value: number | string | undefined | null): StoredChoice {
  if (value === undefined || value === null || value === '') return { kind: 'none' };
  const choice = choices.find((c) => String(c.id) === String(value));
  return choice ? { kind: 'known', choice } : { kind: 'unknown', id: value };
}
