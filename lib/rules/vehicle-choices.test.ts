import { describe, expect, test } from 'vitest';
import { filterChoices, modelsOfBrand, storedChoice } from './vehicle-choices';

const brands = [
  { id: 1, name: 'Audi' },
  { id: 152, name: 'Kia' },
  { id: 160, name: 'Lada (ВАЗ)' },
  { id: 170, name: 'Mercedes-Benz' },
  { id: 300, name: 'Ёмкий Бренд' },
];
const models = [
  { id: 19585, brandId: 152, name: 'Rio' },
  { id: 19610, brandId: 152, name: 'Ceed' },
  { id: 7, brandId: 265, name: 'Camry' },
  { id: 19611, brandId: 152, name: 'Carnival' },
];

describe('a searchable choice of brand and model', () => {
  test('typing filters by any part of the name, whatever the case, ё as е, word by word', () => {
    expect(filterChoices(brands, 'ki').map((b) => b.id)).toEqual([152]);
    expect(filterChoices(brands, 'ваз').map((b) => b.id)).toEqual([160]);
    expect(filterChoices(brands, 'benz merc').map((b) => b.id)).toEqual([170]);
    expect(filterChoices(brands, 'емкий').map((b) => b.id)).toEqual([300]);
    expect(filterChoices(brands, '   ')).toEqual(brands);
  });

  test('the model list is the chosen brand\'s, by name; empty before a brand is chosen', () => {
    expect(modelsOfBrand(models, 152).map((m) => m.name)).toEqual(['Carnival', 'Ceed', 'Rio']);
    expect(modelsOfBrand(models, undefined)).toEqual([]);
    expect(modelsOfBrand(models, 999)).toEqual([]);
  });

  test('a stored id the dictionary does not know is kept and shown as such', () => {
    expect(storedChoice(brands, 152)).toEqual({ kind: 'known', choice: { id: 152, name: 'Kia' } });
    expect(storedChoice(brands, 77)).toEqual({ kind: 'unknown', id: 77 });
    expect(storedChoice([], 77)).toEqual({ kind: 'unknown', id: 77 });
    expect(storedChoice(brands, undefined)).toEqual({ kind: 'none' });
  });
});
