import { expect } from 'vitest';
import { ApiError } from '@/lib/api-error';

/** The ApiError a call rejects with; fails the test when the call resolves. */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}
