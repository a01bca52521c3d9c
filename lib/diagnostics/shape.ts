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
  /** In how many of the objects this key was present. */
  count: number;
  /** The object count when the key was last counted (a summarised key repeats within one object). */
  lastSeen: number;
}

/** The working form: every kind a value was seen as, filled in place as values are read. */
interface Shape {
  /** Bits of PRIMITIVE_BIT. */
  primitives: number;
  object?: { count: number; fields: Map<string, Field> };
  /** The merged item shape; `null` for arrays only ever seen empty. */
  array?: { item: Shape | null };
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

const PRIMITIVE_BIT: Record<Primitive, number> = { boolean: 1, null: 2, number: 4, string: 8 };

const emptyShape = (): Shape => ({ primitives: 0 });

/** Adds one value to a shape, in place: a thousand report rows make one pass and one shape. */
function absorb(shape: Shape, value: unknown, depth: number, keys: Map<string, string>): void {
  if (depth > MAX_DEPTH) {
    shape.deep = true;
    return;
  }
  if (value === null || value === undefined) shape.primitives |= PRIMITIVE_BIT.null;
  else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') shape.primitives |= PRIMITIVE_BIT[typeof value as Primitive];
  else if (Array.isArray(value)) {
    const array = (shape.array ??= { item: null });
    for (const element of value) absorb((array.item ??= emptyShape()), element, depth + 1, keys);
  } else if (typeof value === 'object') {
    const object = (shape.object ??= { count: 0, fields: new Map() });
    const seen = ++object.count;
    const record = value as Record<string, unknown>;
    const names = Object.keys(record);
    const wide = names.length > MAX_KEYS;
    for (const rawKey of names) {
      const child = record[rawKey];
      let key = wide ? '<key>' : keys.get(rawKey);
      if (key === undefined) keys.set(rawKey, (key = keyOf(rawKey)));
      let field = object.fields.get(key);
      if (!field) object.fields.set(key, (field = { shape: emptyShape(), count: 0, lastSeen: 0 }));
      if (field.lastSeen !== seen) {
        field.count++;
        field.lastSeen = seen;
      }
      absorb(field.shape, child, depth + 1, keys);
    }
  } else shape.primitives |= PRIMITIVE_BIT.string; // bigint, function: not JSON, described as text
}

const PRIMITIVE_ORDER: Primitive[] = ['boolean', 'null', 'number', 'string'];

function render(shape: Shape): ShapeJson {
  const variants: ShapeJson[] = [];
  const primitives = PRIMITIVE_ORDER.filter((p) => shape.primitives & PRIMITIVE_BIT[p]);
  if (primitives.length > 0) variants.push(primitives.join('|'));
  if (shape.object) {
    const object: Record<string, ShapeJson> = {};
    const { count, fields } = shape.object;
    for (const [key, field] of [...fields.entries()].sort(([x], [y]) => x.localeCompare(y))) object[field.count < count ? `${key}?` : key] = render(field.shape);
    variants.push(object);
  }
  if (shape.array) variants.push(shape.array.item ? [render(shape.array.item)] : []);
  if (shape.deep) variants.push('…');
  if (variants.length === 1) return variants[0]!;
  // Primitives alone fold into one string; a null beside an object or array stays visible as a variant.
  return { '|': variants };
}

/** The shape of any JSON value (see the module comment for the notation). */
export function shapeOf(value: unknown): ShapeJson {
  const shape = emptyShape();
  absorb(shape, value, 0, new Map());
  return render(shape);
}
