import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { Hint } from './Hint';

// The hint in a DOM in Node (linkedom, which WXT itself depends on): what a keyboard, a tap and a screen
// reader get. Enter and Space on a <button> are a click in every browser; the e2e spec presses them.
const TEXT = 'Чаты и заявки, пришедшие ночью, дождутся утра.';
const ru: Record<string, { message: string }> = JSON.parse(readFileSync('public/_locales/ru/messages.json', 'utf8'));
let dom: ReturnType<typeof parseHTML>;
let root: HTMLElement;

beforeEach(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation((name: string) => ru[name]?.message ?? '');
  dom = parseHTML('<!doctype html><html><body><div id="app"></div><input id="elsewhere"></body></html>');
  Object.assign(globalThis, { document: dom.document, window: dom.window });
  root = dom.document.getElementById('app') as unknown as HTMLElement;
  act(() => render(<Hint text={TEXT} />, root));
});
afterEach(() => {
  act(() => render(null, root));
  vi.restoreAllMocks();
});

const button = () => root.querySelector('button') as HTMLButtonElement;
const tip = () => root.querySelector('[role="tooltip"]') as HTMLElement;
const fire = (target: EventTarget, event: Event) => act(() => void target.dispatchEvent(event));
const key = (name: string) => Object.assign(new dom.window.Event('keydown', { bubbles: true }), { key: name });

describe('Hint', () => {
  test('is a button (focusable with Tab) described by its text, closed at first', () => {
    expect(button().getAttribute('type')).toBe('button');
    expect(button().getAttribute('aria-label')).toBe('Подсказка');
    expect(button().getAttribute('aria-expanded')).toBe('false');
    const described = button().getAttribute('aria-describedby');
    expect(described).toBeTruthy();
    expect(tip().id).toBe(described);
    expect(button().getAttribute('aria-controls')).toBe(described);
    expect(tip().textContent).toBe(TEXT);
    expect(tip().hasAttribute('hidden')).toBe(true);
  });

  test('a press or a tap opens it; a second one closes it', () => {
    fire(button(), new dom.window.Event('click', { bubbles: true }));
    expect(button().getAttribute('aria-expanded')).toBe('true');
    expect(tip().hasAttribute('hidden')).toBe(false);
    fire(button(), new dom.window.Event('click', { bubbles: true }));
    expect(button().getAttribute('aria-expanded')).toBe('false');
    expect(tip().hasAttribute('hidden')).toBe(true);
  });

  test('Escape closes it and does not reach the dialog around it', () => {
    fire(button(), new dom.window.Event('click', { bubbles: true }));
    let reachedOutside = false;
    root.addEventListener('keydown', () => (reachedOutside = true));
    fire(button(), key('Escape'));
    expect(button().getAttribute('aria-expanded')).toBe('false');
    expect(tip().hasAttribute('hidden')).toBe(true);
    expect(reachedOutside).toBe(false);
  });

  test('other keys leave it open; leaving the button closes it', () => {
    fire(button(), new dom.window.Event('click', { bubbles: true }));
    fire(button(), key('ArrowDown'));
    expect(button().getAttribute('aria-expanded')).toBe('true');
    fire(button(), new dom.window.Event('blur'));
    expect(button().getAttribute('aria-expanded')).toBe('false');
  });

  test('a mouse opens it by hovering; a click pins it, so leaving does not close it; a second click does', () => {
    const pointer = (type: string, pointerType: string) => Object.assign(new dom.window.Event(type), { pointerType });
    fire(button(), pointer('pointerenter', 'mouse'));
    expect(button().getAttribute('aria-expanded')).toBe('true');
    fire(button(), pointer('pointerleave', 'mouse'));
    expect(button().getAttribute('aria-expanded')).toBe('false');
    fire(button(), pointer('pointerenter', 'mouse'));
    fire(button(), new dom.window.Event('click', { bubbles: true }));
    fire(button(), pointer('pointerleave', 'mouse'));
    expect(button().getAttribute('aria-expanded')).toBe('true');
    fire(button(), new dom.window.Event('click', { bubbles: true }));
    expect(button().getAttribute('aria-expanded')).toBe('false');
  });

  test('a finger does not open it by "hovering": only the tap does', () => {
    fire(button(), Object.assign(new dom.window.Event('pointerenter'), { pointerType: 'touch' }));
    expect(button().getAttribute('aria-expanded')).toBe('false');
  });
});
