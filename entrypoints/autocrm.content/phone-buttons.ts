import { toE164 } from '@/lib/phone';

/** Phone numbers as dealers type them: +7 (912) 345-67-89, 8-912-345-67-89, 9123456789, 7 912 345 67 89. */
const PHONE = /(?<![\d.])(?:\+?7|8)?[\s(.-]*\d{3}[\s).-]*\d{3}[\s.-]*\d{2}[\s.-]*\d{2}(?![\d.])/g;
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEXTAREA', 'INPUT', 'SELECT', 'BUTTON', 'A', 'CODE', 'NOSCRIPT']);
export const BUTTON_ATTR = 'data-callgear-call';

function callButton(phone: string, label: string, onCall: (phone: string) => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute(BUTTON_ATTR, phone);
  button.title = label;
  button.setAttribute('aria-label', `${label}: ${phone}`);
  button.style.cssText = 'all:unset;display:inline-grid;place-items:center;width:18px;height:18px;margin-left:4px;border-radius:50%;background:#c4287f;color:#fff;cursor:pointer;vertical-align:-3px';
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '11');
  svg.setAttribute('height', '11');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.6 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.6 3.6a1 1 0 0 1-.25 1z');
  svg.append(path);
  button.append(svg);
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    onCall(phone);
  });
  return button;
}

/** Text nodes already handled, including the pieces this module made: a re-scan skips them. */
const done = new WeakSet<Text>();

const isCallable = (text: string) => (toE164(text)?.length ?? 0) >= 12;

/** Adds a call button after every phone number in the page's text, once (re-scans after page changes are cheap). */
export function addCallButtons(root: Node, label: string, onCall: (phone: string) => void): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const parent = node.parentElement;
      if (done.has(node as Text) || !parent || SKIP.has(parent.tagName) || parent.closest(`[${BUTTON_ATTR}], callgear-autocrm, [contenteditable="true"]`)) return NodeFilter.FILTER_REJECT;
      PHONE.lastIndex = 0;
      return PHONE.test(node.textContent ?? '') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  let added = 0;
  for (const node of nodes) {
    const text = node.textContent ?? '';
    const fragment = document.createDocumentFragment();
    let from = 0;
    for (const match of text.matchAll(PHONE)) {
      const end = (match.index ?? 0) + match[0].length;
      if (!isCallable(match[0])) continue;
      const piece = document.createTextNode(text.slice(from, end));
      done.add(piece);
      fragment.append(piece, callButton(match[0].trim(), label, onCall));
      from = end;
      added++;
    }
    const tail = document.createTextNode(text.slice(from));
    done.add(tail);
    fragment.append(tail);
    done.add(node);
    if (from > 0) node.replaceWith(fragment);
  }
  PHONE.lastIndex = 0;
  return added;
}
