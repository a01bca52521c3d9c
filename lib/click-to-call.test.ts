import { describe, expect, test } from 'vitest';
import { ApiError } from './api-error';
import { startCall, type CallSetup, type Dialer } from './click-to-call';

const page = { kind: 'page', tab: 'page' } as const;
const content = { kind: 'content', tab: 'tab:7' } as const;

function dialer(numbers: string[] = ['74993720692'], fail?: Error) {
  const calls: { employeeId: number; contact: string; virtualNumber: string }[] = [];
  const callgear: Dialer = {
    virtualNumbers: async () => numbers.map((virtual_phone_number) => ({ virtual_phone_number })),
    async startEmployeeCall(call) {
      if (fail) throw fail;
      calls.push(call);
      return 9001;
    },
  };
  return { callgear, calls };
}

const setup = (over: Partial<CallSetup> = {}): CallSetup => ({ callgear: dialer().callgear, employeeId: 55, virtualNumber: null, autocrmConnected: true, admitCall: () => true, ...over });

describe('click-to-call', () => {
  test('rings the employee, then the contact in E.164 digits, from the chosen virtual number', async () => {
    const { callgear, calls } = dialer();
    await expect(startCall(setup({ callgear, virtualNumber: '74950000000' }), '8 (912) 345-67-89', page)).resolves.toEqual({ ok: true, callSessionId: 9001 });
    expect(calls).toEqual([{ employeeId: 55, contact: '79123456789', virtualNumber: '74950000000' }]);
  });

  test("without a chosen number, the account's first virtual number", async () => {
    const { callgear, calls } = dialer(['74991112233', '74994445566']);
    await startCall(setup({ callgear }), '+79123456789', page);
    expect(calls[0]?.virtualNumber).toBe('74991112233');
  });

  test.each([
    ['CallGear is not connected', { callgear: null }, 'call.refused.callgearNotConnected'],
    ['no employee chosen', { employeeId: null }, 'call.refused.noEmployee'],
    ['no virtual number', { callgear: dialer([]).callgear }, 'call.refused.noVirtualNumber'],
  ])('refused with a reason the page shows: %s', async (_, over, key) => {
    expect(await startCall(setup(over), '+79123456789', page)).toEqual({ ok: false, said: { key } });
  });

  test('a number that is not dialable is refused before CallGear is asked', async () => {
    const { callgear, calls } = dialer();
    await expect(startCall(setup({ callgear }), '112', page)).resolves.toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  test('an AutoCRM page may call only once AutoCRM is connected, and only as often as its tab is admitted', async () => {
    const admitted: string[] = [];
    expect(await startCall(setup({ autocrmConnected: false }), '+79123456789', content)).toEqual({ ok: false, said: { key: 'call.refused.autocrmNotConnected' } });
    expect(await startCall(setup({ admitCall: (tab) => (admitted.push(tab), false) }), '+79123456789', content)).toEqual({ ok: false, said: { key: 'call.refused.tooMany' } });
    expect(admitted).toEqual(['tab:7']);
    // The extension's own pages are not limited per tab.
    expect(await startCall(setup({ autocrmConnected: false, admitCall: () => false }), '+79123456789', page)).toMatchObject({ ok: true });
  });

  test("CallGear's refusal is shown in its own words", async () => {
    const text = { ru: 'Сотрудник недоступен', en: 'The employee is unavailable' };
    const { callgear } = dialer(undefined, new ApiError({ kind: 'validation', service: 'callgear', text }));
    await expect(startCall(setup({ callgear }), '+79123456789', page)).resolves.toEqual({ ok: false, text });
  });
});
