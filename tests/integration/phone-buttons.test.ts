import { beforeEach, describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { addCallButtons, BUTTON_ATTR, changedRoots } from '@/entrypoints/autocrm.content/phone-buttons';

// The content script's scanner on a DOM in Node (linkedom, which WXT itself depends on).
function page(html: string): Document {
  const { document, window } = parseHTML(`<html><body>${html}</body></html>`);
  Object.assign(globalThis, { document, Node: window.Node, Element: window.Element });
  return document;
}

const buttons = (document: Document) => [...document.querySelectorAll(`[${BUTTON_ATTR}]`)].map((b) => b.getAttribute(BUTTON_ATTR));
const noCall = () => undefined;

describe('call buttons', () => {
  let document: Document;
  beforeEach(() => {
    document = page('');
  });

  test('a number in the last matching text node gets its button (no regex state carried over)', () => {
    document = page('<p>Клиент: +7 (912) 345-67-89</p><p>Контакт: 8-903-111-22-33</p>');
    expect(addCallButtons(document.body, 'Позвонить', noCall)).toBe(2);
    expect(buttons(document)).toEqual(['+7 (912) 345-67-89', '8-903-111-22-33']);
  });

  test('a page whose only number is its last text node gets one button', () => {
    document = page('<div><span>Горячая линия 8 800 505-12-34</span></div>');
    expect(addCallButtons(document.body, 'Позвонить', noCall)).toBe(1);
  });

  test('a second scan adds nothing; skipped elements stay untouched', () => {
    document = page('<p>9123456789</p><a href="#">9031112233</a><textarea>9161234567</textarea><div contenteditable="true">9261234567</div>');
    expect(addCallButtons(document.body, 'Позвонить', noCall)).toBe(1);
    expect(addCallButtons(document.body, 'Позвонить', noCall)).toBe(0);
    expect(buttons(document)).toEqual(['9123456789']);
  });

  test('only changed nodes are scanned again: added subtrees and edited text', () => {
    document = page('<p id="a">нет номера</p>');
    expect(addCallButtons(document.body, 'Позвонить', noCall)).toBe(0);
    const text = document.querySelector('#a')!.firstChild as Text;
    text.data = 'теперь есть: 9123456789';
    // Without a change record the node counts as scanned and is not read again.
    expect(addCallButtons(document.body, 'Позвонить', noCall)).toBe(0);
    const added = document.createElement('p');
    added.textContent = 'новый: 8 903 111 22 33';
    document.body.append(added);
    const records = [
      { type: 'characterData', target: text, addedNodes: [] },
      { type: 'childList', target: document.body, addedNodes: [added] },
    ] as unknown as MutationRecord[];
    const roots = changedRoots(records);
    expect(roots.reduce((n, root) => n + addCallButtons(root, 'Позвонить', noCall), 0)).toBe(2);
    expect(buttons(document)).toEqual(['9123456789', '8 903 111 22 33']);
  });

  test('a click that is not a person\'s (synthetic, isTrusted false) does not call', () => {
    document = page('<p>9123456789</p>');
    const calls: string[] = [];
    addCallButtons(document.body, 'Позвонить', (phone) => calls.push(phone));
    const button = document.querySelector(`[${BUTTON_ATTR}]`)!;
    button.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event('click'));
    expect(calls).toEqual([]);
  });
});
