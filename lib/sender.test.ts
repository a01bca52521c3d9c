import { describe, expect, test } from 'vitest';
import { classifySender } from './sender';

const id = 'abcdefghijklmnopabcdefghijklmnop';

describe('classifySender', () => {
  test('this extension’s pages, in a tab or not', () => {
    expect(classifySender({ id, origin: `chrome-extension://${id}` }, id)).toBe('page');
    expect(classifySender({ id, origin: `chrome-extension://${id}`, tab: { id: 3 } }, id)).toBe('page');
  });

  test('the content script on the configured AutoCRM origin', () => {
    expect(classifySender({ id, origin: 'https://motorland.autocrm.ru', tab: { id: 1 } }, id, ['https://motorland.autocrm.ru'])).toBe('content');
    expect(classifySender({ id, origin: 'https://demo.autocrm.ru:8443', tab: { id: 1 } }, id, ['https://demo.autocrm.ru:8443'])).toBe('content');
  });

  test('no AutoCRM instance may speak before the AutoCRM account is configured (docs/security.md, R13)', () => {
    expect(classifySender({ id, origin: 'https://evil.autocrm.ru', tab: { id: 1 } }, id)).toBeNull();
    expect(classifySender({ id, origin: 'https://evil.autocrm.ru', tab: { id: 1 } }, id, [])).toBeNull();
  });

  test('only the configured AutoCRM origin when one is given', () => {
    const allowed = ['https://motorland.autocrm.ru'];
    expect(classifySender({ id, origin: 'https://motorland.autocrm.ru', tab: { id: 1 } }, id, allowed)).toBe('content');
    expect(classifySender({ id, origin: 'https://other.autocrm.ru', tab: { id: 1 } }, id, allowed)).toBeNull();
  });

  test.each([
    [{ id: 'another-extension', origin: `chrome-extension://another-extension` }],
    [{ id, origin: 'https://autocrm.ru.evil.example', tab: { id: 1 } }],
    [{ id, origin: 'http://demo.autocrm.ru', tab: { id: 1 } }],
    [{ id, origin: 'https://demo.autocrm.ru' }],
    [{ id }],
  ])('nobody we talk to: %j', (sender) => {
    expect(classifySender(sender, id)).toBeNull();
  });
});
