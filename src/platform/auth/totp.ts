import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30-second steps, accepted one step either side).
 *
 * Secrets are stored encrypted at rest with AES-256-GCM. The key is derived from SESSION_SECRET
 * with HKDF-SHA256 (a fixed salt and purpose label), so no second secret has to be managed; the
 * user's id is bound in as additional authenticated data, so a ciphertext copied onto another
 * account does not decrypt. Changing SESSION_SECRET makes stored secrets unreadable: users with
 * two-factor then have to enrol again.
 */

const ISSUER = 'Together';
const PERIOD = 30;
const WINDOW = 1;
const FORMAT = 'v1';

function keyFrom(sessionSecret: string): Buffer {
  return Buffer.from(
    crypto.hkdfSync('sha256', sessionSecret, 'together-totp-salt', 'together totp secret encryption v1', 32),
  );
}

/** A new random secret (160 bits), in base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function encryptTotpSecret(base32: string, sessionSecret: string, userId: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFrom(sessionSecret), iv);
  cipher.setAAD(Buffer.from(userId));
  const data = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':');
}

/** The base32 secret, or undefined when the stored value cannot be decrypted (tampered, or another key). */
export function decryptTotpSecret(stored: string, sessionSecret: string, userId: string): string | undefined {
  const [format, iv, tag, data] = stored.split(':');
  if (format !== FORMAT || !iv || !tag || !data) return undefined;
  try {
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      keyFrom(sessionSecret),
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}

/** The secret in groups of four characters, easier to type into an app. */
export function groupSecret(base32: string): string {
  return base32.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The otpauth:// URI an authenticator app accepts (the same thing a QR code would carry). */
export function otpauthUri(base32: string, accountName: string): string {
  return new TOTP({
    issuer: ISSUER,
    label: accountName,
    secret: Secret.fromBase32(base32),
    period: PERIOD,
  }).toString();
}

export type TotpCheck = { ok: true; step: number } | { ok: false; replayed: boolean };

/**
 * Checks a code against now, one step either side. A right code must also belong to a later step
 * than the last one used: callers store the step so a code cannot be used twice.
 */
export function checkTotp(
  base32: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, replayed: false };
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(base32),
    period: PERIOD,
    timestamp: now,
    window: WINDOW,
  });
  if (delta === null) return { ok: false, replayed: false };
  const step = TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
  if (lastStep !== null && step <= lastStep) return { ok: false, replayed: true };
  return { ok: true, step };
}

/** The code for a moment (tests and the enrolment check use it). */
export function totpCode(base32: string, timestamp = Date.now()): string {
  return TOTP.generate({ secret: Secret.fromBase32(base32), period: PERIOD, timestamp });
}
