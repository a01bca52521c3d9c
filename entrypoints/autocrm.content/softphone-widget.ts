/**
 * Where the CallGear Softphone shows itself on the page. The real extension's markup is not documented;
 * these selectors are the one place to adapt (the simulated softphone uses the first).
 */
const SELECTORS = ['#callgear-softphone-widget', '[data-callgear-softphone]', 'iframe[src*="softphone.callgear"]'];

export function findSoftphoneWidget(): HTMLElement | null {
  for (const selector of SELECTORS) {
    const found = document.querySelector<HTMLElement>(selector);
    if (found) return found;
  }
  return null;
}

export function setSoftphoneShown(widget: HTMLElement, shown: boolean): void {
  widget.style.display = shown ? '' : 'none';
  if (shown && getComputedStyle(widget).display === 'none') widget.style.display = 'block';
}
