import { z } from 'zod';

/** Secrets that ship in the repo for local use only; production refuses them. */
export const DEV_SECRET = 'together-local-development-secret-not-for-production';

const roleList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
  );

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  TOGETHER_DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().min(32).default(DEV_SECRET),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  MFA_REQUIRED_ROLES: roleList,
  BREAK_GLASS_HOURS: z.coerce.number().min(0.25).max(72).default(4),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  DEMO_CHILDREN: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_ALLOW_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type Config = z.infer<typeof schema> & { production: boolean };

export class ConfigError extends Error {}

/** Reads and validates configuration; throws ConfigError with every problem named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  if (production) {
    const problems: string[] = [];
    if (c.SESSION_SECRET === DEV_SECRET) problems.push('SESSION_SECRET must be set to a secret of your own');
    if (c.SEED_DEMO) problems.push('SEED_DEMO=true is refused in production');
    if (!c.PUBLIC_URL?.startsWith('https://')) problems.push('PUBLIC_URL must be an https:// address');
    if (c.OIDC_ISSUER && !c.OIDC_CLIENT_SECRET)
      problems.push('OIDC_CLIENT_SECRET is required with OIDC_ISSUER');
    if (c.OIDC_ALLOW_HTTP) problems.push('OIDC_ALLOW_HTTP is refused in production');
    if (problems.length)
      throw new ConfigError(`Refusing to start in production:\n  ${problems.join('\n  ')}`);
  }
  return {
    ...c,
    MFA_REQUIRED_ROLES:
      production && c.MFA_REQUIRED_ROLES.length === 0 ? ['sysadmin', 'dpo'] : c.MFA_REQUIRED_ROLES,
    production,
  };
}
