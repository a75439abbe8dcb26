import { expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from './passwords';
import { TEST_SCRYPT_PARAMS } from './testing';

it('hashes with a fresh salt and the strong defaults, and verifies only the right password', async () => {
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  expect(a).not.toBe(b);
  expect(a).toMatch(/^scrypt\$65536\$8\$2\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
  expect(a).not.toContain('correct');
  expect(await verifyPassword('correct horse battery', a)).toBe(true);
  expect(await verifyPassword('correct horse batterY', a)).toBe(false);
  expect(needsRehash(a)).toBe(false);
});

it('asks for a rehash when the parameters changed, and refuses malformed hashes', async () => {
  const light = await hashPassword('correct horse battery', TEST_SCRYPT_PARAMS);
  expect(await verifyPassword('correct horse battery', light)).toBe(true);
  expect(needsRehash(light)).toBe(true);
  expect(needsRehash(light, TEST_SCRYPT_PARAMS)).toBe(false);
  expect(needsRehash(light, { ...DEFAULT_SCRYPT_PARAMS, N: TEST_SCRYPT_PARAMS.N })).toBe(true);
  for (const bad of ['', 'plain', 'scrypt$x$8$1$aa$bb', 'bcrypt$1$2$3$4$5']) {
    expect(await verifyPassword('anything', bad)).toBe(false);
    expect(needsRehash(bad)).toBe(true);
  }
});

it('says why a password is refused', () => {
  expect(passwordProblem('short')).toMatch(/at least 10/);
  expect(passwordProblem('x'.repeat(201))).toMatch(/at most 200/);
  expect(passwordProblem('long enough 长度够了')).toBeNull();
});
