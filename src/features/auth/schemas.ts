/** The sign-in, second-factor and password forms: one schema each (platform/validation.ts). */
import { z } from 'zod';
import { passwordProblem } from '../../platform/auth/passwords.ts';
import { field } from '../../platform/validation.ts';

/** A password as typed: never trimmed; anything but text is no answer. */
const password = (missing: string) =>
  z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : undefined), z.string({ error: missing }));

export const signInSchema = z.object({
  email: field.requiredText(320, 'Email address', 'Enter your email address'),
  password: password('Enter your password').refine((v) => v.length <= 1000, { error: 'Enter your password' }),
});

const ENTER_CODE = 'Enter the 6-digit code from your authenticator app';

/** A 6-digit code from an authenticator app; spaces and hyphens people type are ignored. */
export const codeSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/[\s-]/g, '') : undefined),
    z
      .string({ error: ENTER_CODE })
      .min(1, { error: ENTER_CODE })
      .regex(/^\d+$/, { error: 'The code must only include numbers' })
      .length(6, { error: 'The code must be 6 numbers' }),
  ),
});

/** A new password, typed twice, with the current one. */
export const passwordChangeSchema = z
  .object({
    currentPassword: password('Enter your current password').refine((v) => v.length <= 1000, {
      error: 'Your current password is not right',
    }),
    newPassword: password('Enter a new password').superRefine((v, ctx) => {
      const problem = passwordProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    confirmPassword: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
  })
  .superRefine(
    (v, ctx) => {
      const problem = !v.confirmPassword
        ? 'Enter your new password again'
        : v.confirmPassword !== v.newPassword
          ? 'The passwords do not match'
          : undefined;
      if (problem) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: problem });
    },
    // Only once the new password is good: there is nothing to confirm before.
    { when: (p) => !p.issues.some((i) => i.path?.[0] === 'newPassword') },
  );

export type PasswordChange = Pick<z.infer<typeof passwordChangeSchema>, 'currentPassword' | 'newPassword'>;
