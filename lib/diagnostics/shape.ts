/**
 * The shape of a JSON answer: its keys and value types, never its values. Written for a support
 * engineer reading what a real API answered:
 * - a primitive is its type name, `"string"`, `"number"`, `"boolean"`, `"null"`; a union joins them: `"null|string"`;
 * - an object maps its keys to their shapes; a key missing from some items of an array ends in `?`;
 * - an array is `[itemShape]`, its items' shapes merged into one (`[]` when empty);
 * - values of different kinds (say an object in one row, a string in another) are `{ "|": [shapes…] }`.
 * Keys that are data rather than names (ids, phone numbers, e-mails used as keys) are summarised or masked.
 */
export type ShapeJson = string | ShapeJson[] | { [key: string]: ShapeJson };

type Primitive = 'string' | 'number' | 'boolean' | 'null';

interface Field {
  shape: Shape;
  optional: boolean;
}

/** The working form: every kind a value was seen as. */
interface Shape {
  primitives: Set<Primitive>;
  object?: Map<string, Field>;
  /** The merged item shape; `null` for arrays only ever seen empty. */
  array?: Shape | null;
  /** Nesting below the depth limit, not described further. */
  deep?: true;
}

const MAX_DEPTH = 12;
/** More keys than this in one object are summarised (a map keyed by data, not a record). */
const MAX_KEYS = 150;

const ID_KEY = /^-?\d+$/;
const EMAIL_KEY = /@/;
const PHONE_KEY = /^\+?[\d\s()-]{7,}$/;

/** A key as it may appear in a report: names stay, keys that are data become placeholders. */
function keyOf(key: string): string {
  if (ID_KEY.test(key)) return '<number>';
  if (EMAIL_KEY.test(key)) return '<e-mail>';
  if (PHONE_KEY.test(key)) return '<phone>';
  return key.length > 80 ? '<long key>' : key;
}

function extract(value: unknown, depth: number): Shape {
  const shape: Shape = { primitives: new Set() };
  if (depth > MAX_DEPTH) return { ...shape, deep: true };
  if (value === null || value === undefined) shape.primitives.add('null');
  else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') shape.primitives.add(typeof value as Primitive);
  else if (Array.isArray(value)) {
    let item: Shape | null = null;
    for (const element of value) item = item ? merge(item, extract(element, depth + 1)) : extract(element, depth + 1);
    shape.array = item;
  } else if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const object = new Map<string, Field>();
    for (const [rawKey, child] of entries.length > MAX_KEYS ? entries.map(([, v]) => ['<key>', v] as const) : entries) {
      const key = keyOf(rawKey);
      const childShape = extract(child, depth + 1);
      const seen = object.get(key);
      object.set(key, { shape: seen ? merge(seen.shape, childShape) : childShape, optional: false });
    }
    shape.object = object;
  } else shape.primitives.add('string'); // bigint, function: not JSON, described as text
  return shape;
}

function mergeObjects(a: Map<string, Field>, b: Map<string, Field>): Map<string, Field> {
  const merged = new Map<string, Field>();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const left = a.get(key);
    const right = b.get(key);
    if (left && right) merged.set(key, { shape: merge(left.shape, right.shape), optional: left.optional || right.optional });
    else merged.set(key, { shape: (left ?? right)!.shape, optional: true });
  }
  return merged;
}

function merge(a: Shape, b: Shape): Shape {
  const shape: Shape = { primitives: new Set([...a.primitives, ...b.primitives]) };
  if (a.object && b.object) shape.object = mergeObjects(a.object, b.object);
  else if (a.object || b.object) shape.object = a.object ?? b.object;
  if (a.array !== undefined && b.array !== undefined) shape.array = a.array && b.array ? merge(a.array, b.array) : (a.array ?? b.array);
  else if (a.array !== undefined || b.array !== undefined) shape.array = a.array ?? b.array;
  if (a.deep || b.deep) shape.deep = true;
  return shape;
}

const PRIMITIVE_ORDER: Primitive[] = ['boolean', 'null', 'number', 'string'];

function render(shape: Shape): ShapeJson {
  const variants: ShapeJson[] = [];
  const primitives = PRIMITIVE_ORDER.filter((p) => shape.primitives.has(p));
  if (primitives.length > 0) variants.push(primitives.join('|'));
  if (shape.object) {
    const object: Record<string, ShapeJson> = {};
    for (const [key, field] of [...shape.object.entries()].sort(([x], [y]) => x.localeCompare(y))) object[field.optional ? `${key}?` : key] = render(field.shape);
    variants.push(object);
  }
  if (shape.array !== undefined) variants.push(shape.array ? [render(shape.array)] : []);
  if (shape.deep) variants.push('…');
  if (variants.length === 1) return variants[0]!;
  // Primitives alone fold into one string; a null beside an object or array stays visible as a variant.
  return { '|': variants };
}

/** The shape of any JSON value (see the module comment for the notation). */
export function shapeOf(value: unknown): ShapeJson {
  return render(extract(value, 0));
}
