import { createContext } from 'preact';
import { useContext, useEffect, useId, useLayoutEffect } from 'preact/hooks';

/**
 * The options page's one save model (docs/decisions.md, "One save model"): each section keeps a draft and
 * saves it with its own «Сохранить»; every draft tells the page whether it differs from what is saved, and
 * the page asks before a section (or the page) is left with unsaved changes.
 */
export type ReportDirty = (source: string, dirty: boolean) => void;

export const UnsavedContext = createContext<ReportDirty>(() => undefined);

/**
 * Tells the page's guard whether this draft holds unsaved changes; a draft that goes away is clean. A layout
 * effect, so the guard knows before the next click: a plain effect waits for a paint, and a click right after
 * «Сохранено» appeared was still asked about.
 */
export function useReportDirty(dirty: boolean): void {
  const report = useContext(UnsavedContext);
  const source = useId();
  useLayoutEffect(() => report(source, dirty), [dirty]);
  useEffect(() => () => report(source, false), []);
}

/** The page's set of drafts with unsaved changes, kept as an immutable set (a new one on each change). */
export function nextDirtySet(current: ReadonlySet<string>, source: string, dirty: boolean): ReadonlySet<string> {
  if (current.has(source) === dirty) return current;
  const next = new Set(current);
  if (dirty) next.add(source);
  else next.delete(source);
  return next;
}
