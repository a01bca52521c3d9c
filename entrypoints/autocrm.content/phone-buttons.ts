import { findPhoneNumbers } from '@/lib/phone-scan';

const SKIP = new Set(['SCRIPT', 'STYLE', 'TEXTAREA', 'INPUT', 'SELECT', 'BUTTON', 'A', 'CODE', 'NOSCRIPT']);
export const BUTTON_ATTR = 'data-callgear-call';
const SHADOW_HOST = 'callgear-autocrm';

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
    // Only a person's click dials: a page script's element.click() or dispatchEvent() is not trusted.
    if (!event.isTrusted) return;
    onCall(phone);
  });
  return button;
}

/** Text nodes already scanned (with or without a number), including the pieces this module made. */
const done = new WeakSet<Text>();

/** An element whose text is never scanned, or that holds one: its subtree is left alone. */
const SKIPPED_INSIDE = `${[...SKIP].join(',')},[${BUTTON_ATTR}],${SHADOW_HOST},[contenteditable="true"]`;

function skipsElement(element: Element): boolean {
  return SKIP.has(element.tagName) || element.hasAttribute(BUTTON_ATTR) || element.localName === SHADOW_HOST || element.getAttribute('contenteditable') === 'true';
}

/** The not-yet-scanned text nodes under `root` (itself included), outside skipped elements. */
function pendingTextNodes(root: Node): Text[] {
  const start = root.nodeType === Node.TEXT_NODE ? root.parentElement : root;
  if (!start || (start instanceof Element && start.closest(SKIPPED_INSIDE))) return [];
  const texts: Text[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === Node.TEXT_NODE) {
      if (!done.has(node as Text)) texts.push(node as Text);
      continue;
    }
    if (node instanceof Element && node !== root && skipsElement(node)) continue;
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  return texts;
}

function addButtonsTo(node: Text, label: string, onCall: (phone: string) => void): number {
  done.add(node);
  const text = node.data;
  const phones = findPhoneNumbers(text);
  if (phones.length === 0) return 0;
  const fragment = document.createDocumentFragment();
  let from = 0;
  for (const phone of phones) {
    const piece = document.createTextNode(text.slice(from, phone.end));
    done.add(piece);
    fragment.append(piece, callButton(phone.text, label, onCall));
    from = phone.end;
  }
  const tail = document.createTextNode(text.slice(from));
  done.add(tail);
  fragment.append(tail);
  node.replaceWith(fragment);
  return phones.length;
}

/** Adds a call button after every phone number in the text under `root` not scanned before. */
export function addCallButtons(root: Node, label: string, onCall: (phone: string) => void): number {
  let added = 0;
  for (const node of pendingTextNodes(root)) added += addButtonsTo(node, label, onCall);
  return added;
}

/**
 * The nodes a batch of DOM changes asks to scan: added subtrees, and text whose characters changed
 * (forgotten as scanned, so it is read again). Everything else was scanned already.
 */
export function changedRoots(records: readonly MutationRecord[]): Node[] {
  const roots: Node[] = [];
  for (const record of records) {
    if (record.type === 'characterData' && record.target.nodeType === Node.TEXT_NODE) {
      done.delete(record.target as Text);
      roots.push(record.target);
    }
    if (record.type === 'childList') record.addedNodes.forEach((node) => roots.push(node));
  }
  return roots;
}
