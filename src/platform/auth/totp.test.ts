import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkTotp,
  decryptTotpSecret,
  encryptTotpSecret,
  groupSecret,
  newTotpSecret,
  otpauthUri,
  totpCode,
} from './totp.ts';

const KEY = 'a-session-secret-of-at-least-32-characters';
const USER = '5b3c1c5e-7f0e-4c55-9f77-1d2b8a0f3c11';

test('secrets are encrypted, and only decrypt with the same key and user', () => {
  const secret = newTotpSecret();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const stored = encryptTotpSecret(secret, KEY, USER);
  assert.ok(!stored.includes(secret));
  assert.notEqual(encryptTotpSecret(secret, KEY, USER), stored, 'a fresh IV every time');
  assert.equal(decryptTotpSecret(stored, KEY, USER), secret);
  assert.equal(decryptTotpSecret(stored, `${KEY}-rotated`, USER), undefined);
  assert.equal(decryptTotpSecret(stored, KEY, 'another-user'), undefined);
  const [v, iv, tag, data] = stored.split(':');
  const flipped = Buffer.from(data!, 'base64url');
  flipped[0] = flipped[0]! ^ 1;
  assert.equal(
    decryptTotpSecret([v, iv, tag, flipped.toString('base64url')].join(':'), KEY, USER),
    undefined,
  );
  assert.equal(decryptTotpSecret('garbage', KEY, USER), undefined);
});

test('a code is accepted one step either side of now, and not further', () => {
  const secret = newTotpSecret();
  const now = 1_750_000_000_000;
  const step = Math.floor(now / 30_000);
  for (const d of [-1, 0, 1]) {
    const res = checkTotp(secret, totpCode(secret, now + d * 30_000), null, now);
    assert.deepEqual(res, { ok: true, step: step + d });
  }
  for (const d of [-3, -2, 2, 3])
    assert.equal(checkTotp(secret, totpCode(secret, now + d * 30_000), null, now).ok, false);
  assert.equal(checkTotp(newTotpSecret(), totpCode(secret, now), null, now).ok, false, 'another secret');
});

test('a code of a step already used, or an earlier one, is a replay', () => {
  const secret = newTotpSecret();
  const now = 1_750_000_000_000;
  const step = Math.floor(now / 30_000);
  assert.deepEqual(checkTotp(secret, totpCode(secret, now), step, now), { ok: false, replayed: true });
  assert.deepEqual(checkTotp(secret, totpCode(secret, now - 30_000), step, now), {
    ok: false,
    replayed: true,
  });
  assert.deepEqual(checkTotp(secret, totpCode(secret, now + 30_000), step, now), {
    ok: true,
    step: step + 1,
  });
});

test('malformed codes are refused without a check', () => {
  const secret = newTotpSecret();
  for (const bad of ['', '12345', '1234567', 'abcdef', '12 345', '１２３４５６'])
    assert.deepEqual(checkTotp(secret, bad, null), { ok: false, replayed: false }, bad);
});

test('the secret is shown in groups of four and as an otpauth URI', () => {
  assert.equal(groupSecret('ABCDEFGHIJKLMNOP'), 'ABCD EFGH IJKL MNOP');
  assert.equal(groupSecret('ABCDEF'), 'ABCD EF');
  const uri = new URL(otpauthUri('JBSWY3DPEHPK3PXP', 'dpo@together.example'));
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.host, 'totp');
  assert.equal(decodeURIComponent(uri.pathname), '/Together:dpo@together.example');
  assert.equal(uri.searchParams.get('secret'), 'JBSWY3DPEHPK3PXP');
  assert.equal(uri.searchParams.get('issuer'), 'Together');
  assert.equal(uri.searchParams.get('digits'), '6');
  assert.equal(uri.searchParams.get('period'), '30');
});

test('codes match the RFC 6238 test vector (SHA-1, truncated to 6 digits)', () => {
  // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s gives 94287082 (8 digits).
  const base32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  assert.equal(totpCode(base32, 59_000), '287082');
});
