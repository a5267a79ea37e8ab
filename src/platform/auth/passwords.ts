import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's recommended minimum cost.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    // Spend the same time as a real check so a missing account is not told apart by timing.
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * The demo partnership's password. It is published (the README, the start-up log), so it is known
 * to anyone: the demo seed uses it, and no real account may.
 */
export const DEMO_PASSWORD = 'together-demo-only';

/** Passwords known to the public: refused as real passwords. */
const PUBLISHED_PASSWORDS: readonly string[] = [DEMO_PASSWORD];

/**
 * Password rules: length over composition (NCSC guidance), and not a published password (nor any
 * of `alsoRefused`).
 */
export function passwordProblem(password: string, alsoRefused: readonly string[] = []): string | undefined {
  if (password.length < 12) return 'Password must be at least 12 characters';
  if (password.length > 200) return 'Password must be 200 characters or fewer';
  if (PUBLISHED_PASSWORDS.includes(password) || alsoRefused.includes(password))
    return 'Choose a password that is not a demo password';
  return undefined;
}
