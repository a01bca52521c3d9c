/**
 * How deep untrusted input (a message, an imported or policy configuration) may nest. zod and the
 * template renderer recurse once per level; a 700-deep message already overflows the worker's stack
 * inside zod, where no schema can answer. Real input is far shallower: a rule's deepest condition
 * group at this limit still has about 25 levels of nested groups.
 */
export const MAX_NESTING = 64;

/**
 * Whether a JSON-like value nests deeper than `max` arrays/objects. Iterative (an explicit stack), so the
 * check itself cannot overflow, and it stops at the first branch that is too deep.
 */
export function nestsDeeperThan(value: unknown, max: number = MAX_NESTING): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    if (depth + 1 > max) return true;
    seen.add(current);
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
