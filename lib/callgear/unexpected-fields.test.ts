import { describe, expect, test } from 'vitest';
import { rpcError } from './errors';
import { unexpectedFieldNames } from './unexpected-fields';

const requested = ['id', 'start_time', 'direction', 'is_lost', 'scenario_name', 'campaign_name', 'utm_source', 'utm_medium', 'tags', 'segments', 'attributes', 'channel_new'];
const refusal = (mnemonic: string, data: Record<string, unknown>, message = 'Parameter does not exist') =>
  rpcError({ code: -32602, message, data: { mnemonic, ...data } }, 'get.calls_report');

describe('which requested field names a refusal points at (data_api/index.html error object)', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['value names the field', { field: 'fields', value: 'segments' }, ['segments']],
    ['field is fields.<name>', { field: 'fields.channel_new' }, ['channel_new']],
    ['field is fields.<index>', { field: 'fields.9' }, ['segments']],
    ['the message alone names it', {}, []],
  ])('%s', (_, data, expected) => {
    expect(unexpectedFieldNames(refusal('unexpected_parameters', data), requested)).toEqual(expected);
  });

  test('the message is read when nothing else names a field', () => {
    expect(unexpectedFieldNames(refusal('unexpected_parameters', {}, 'Unexpected parameter attributes'), requested)).toEqual(['attributes']);
  });

  test('a component that fills a parameter is off (parameter_component_disabled): that name is dropped too', () => {
    expect(unexpectedFieldNames(refusal('parameter_component_disabled', { field: 'fields.utm_source' }), requested)).toEqual(['utm_source']);
  });

  test('value echoing the whole requested list pinpoints nothing: the error stands, nothing is dropped', () => {
    expect(unexpectedFieldNames(refusal('unexpected_parameters', { field: 'fields', value: requested }), requested)).toEqual([]);
  });

  test('a required name is never dropped, nor more than a quarter of the request at once', () => {
    expect(unexpectedFieldNames(refusal('unexpected_parameters', { field: 'fields.start_time' }), requested)).toEqual([]);
    expect(unexpectedFieldNames(refusal('unexpected_parameters', { field: 'fields', value: 'scenario_name,campaign_name,utm_source,utm_medium' }), requested)).toEqual([]);
  });

  test('other errors are not field refusals', () => {
    expect(unexpectedFieldNames(refusal('invalid_parameter_value', { field: 'fields.segments' }), requested)).toEqual([]);
  });
});
