import { describe, expect, test } from 'vitest';
import { callGearEndpoint, callGearEndpointProblem } from './endpoints';

const PRODUCTION = false;
const SIM = true;

describe('custom CallGear endpoints in a production build', () => {
  test.each([
    ['callgear', 'dataApi', 'https://dataapi.callgear.com/v2.0'],
    ['callgear', 'callApi', 'https://callapi.callgear.com/v4.0'],
    ['uis', 'dataApi', 'https://dataapi.uiscom.ru/v2.0'],
    ['uis', 'callApi', 'https://callapi.uiscom.ru/v4.0'],
    ['comagic', 'dataApi', 'https://dataapi.comagic.ru/v2.0'],
    ['comagic', 'callApi', 'https://callapi.comagic.ru/v4.0'],
  ] as const)('%s %s: the documented %s is accepted', (brand, api, url) => {
    expect(callGearEndpointProblem(url, brand, api, PRODUCTION)).toBeNull();
  });

  test.each([
    ['http://dataapi.callgear.com/v2.0', /must use https/],
    ['https://dataapi.evil.example.test/v2.0', /not the documented Data API host/],
    ['https://dataapi.callgear.com.evil.example/v2.0', /not the documented Data API host/],
    ['https://callapi.callgear.com/v4.0', /not the documented Data API host/],
    ['https://dataapi.uiscom.ru/v2.0', /not the documented Data API host/],
    ['https://dataapi.callgear.com:8443/v2.0', /standard https port/],
    ['https://key:x@dataapi.callgear.com/v2.0', /user name or password/],
    ['http://127.0.0.1:4010/v2.0', /must use https/],
    ['https://localhost/v2.0', /not the documented Data API host/],
    ['not an address', /not a web address/],
  ])('%s is refused', (url, reason) => {
    expect(callGearEndpointProblem(url, 'callgear', 'dataApi', PRODUCTION)).toMatch(reason);
  });

  test('a UIS account never posts to the CoMagic host and back (comagic.github.io data_api: credentials are per project)', () => {
    expect(callGearEndpointProblem('https://dataapi.comagic.ru/v2.0', 'uis', 'dataApi', PRODUCTION)).toMatch(/not the documented/);
    expect(callGearEndpointProblem('https://callapi.uiscom.ru/v4.0', 'comagic', 'callApi', PRODUCTION)).toMatch(/not the documented/);
  });

  test('the client gets the documented endpoint when none is set, and never a refused one', () => {
    expect(callGearEndpoint(undefined, 'uis', 'callApi', PRODUCTION)).toBe('https://callapi.uiscom.ru/v4.0');
    expect(() => callGearEndpoint('https://dataapi.evil.example.test/v2.0', 'callgear', 'dataApi', PRODUCTION)).toThrow(/not the documented Data API host/);
  });
});

describe('custom CallGear endpoints in the sim build and the tests', () => {
  test('loopback simulators and the documented host on another port are accepted', () => {
    expect(callGearEndpointProblem('http://127.0.0.1:4010/v2.0', 'callgear', 'dataApi', SIM)).toBeNull();
    expect(callGearEndpointProblem('https://localhost:4010/v4.0', 'callgear', 'callApi', SIM)).toBeNull();
    expect(callGearEndpointProblem('https://dataapi.callgear.com:4010/v2.0', 'callgear', 'dataApi', SIM)).toBeNull();
  });

  test('other hosts and plain http to a real host are still refused', () => {
    expect(callGearEndpointProblem('https://dataapi.evil.example.test:4010/v2.0', 'callgear', 'dataApi', SIM)).toMatch(/not the documented/);
    expect(callGearEndpointProblem('http://dataapi.callgear.com:4010/v2.0', 'callgear', 'dataApi', SIM)).toMatch(/must use https/);
  });

  test('Vitest runs as the test build, which allows loopback by default', () => {
    expect(callGearEndpointProblem('http://127.0.0.1:1/v2.0', 'callgear', 'dataApi')).toBeNull();
  });
});
