import { describe, expect, test } from 'vitest';
import type { LinkRecord } from '../db';
import { LinkKeeper } from './link-keeper';

describe('LinkKeeper', () => {
  test('a record kept rides with the next write; once written, nothing is pending', async () => {
    const written: LinkRecord[] = [];
    const link = new LinkKeeper({ key: 'call:1' }, async (record) => void written.push(record));
    link.keep({ callId: 7 });
    expect(link.pending()).toEqual({ key: 'call:1', callId: 7 });
    await link.flush();
    expect(written).toEqual([{ key: 'call:1', callId: 7 }]);
    expect(link.pending()).toBeUndefined();
  });

  test('a write that fails leaves its record pending, so the outcome write still carries what was created', async () => {
    const link = new LinkKeeper({ key: 'call:1' }, () => Promise.reject(new Error('quota')));
    await expect(link.save({ clientId: 12 })).rejects.toThrow('quota');
    expect(link.pending()).toEqual({ key: 'call:1', clientId: 12 });
  });
});
