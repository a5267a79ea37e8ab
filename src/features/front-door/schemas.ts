/**
 * The front door's actions besides the referral itself (referrals/schemas.ts): one schema each, read
 * by its page and checked again by its service, and the lists' query strings.
 */
import { z } from 'zod';
import { UUID } from '../../platform/access/policy.ts';
import { field } from '../../platform/validation.ts';
import { DECISIONS, RAGS, REFERRAL_DECISIONS, type Decision } from './codes.ts';

export const LONG_MAX = 10_000;

/** A phone number as people write one: the referrer's, a parent's, the MASH's own. */
export const PHONE = /^[+\d][\d\s()-]{5,24}$/;

export type Values = Record<string, unknown>;
export type Issue = (key: string, message: string) => void;

/**
 * An action's fields with the rules across them. The rules run even when a field failed its own
 * check, so that the error summary names every problem at once; they see the values as read, so
 * each rule checks what it reads.
 */
export function withRules<F extends z.ZodObject>(fields: F, rules: (v: Values, issue: Issue) => void): F {
  return fields.superRefine(
    (v, ctx) => rules(v as Values, (key, message) => ctx.addIssue({ code: 'custom', path: [key], message })),
    { when: (p) => typeof p.value === 'object' && p.value !== null && !Array.isArray(p.value) },
  );
}

// ---- The MASH hub's contact page ----

export const ragSchema = z.object({ rag: field.code(RAGS.values, 'Select a RAG rating') });

/** Assign to: nobody (blank), 'me', or a hub officer's id (the service knows who the officers are). */
export const assignSchema = z.object({ assignee: field.text(40, 'Assign to') });

export const requestsSchema = z.object({
  agencyIds: field.ids('Agencies', { min: 1, missing: 'Select the agencies to ask' }),
  question: field.requiredText(
    LONG_MAX,
    'What you need to know',
    'Enter what you need to know from the agencies',
  ),
});
export type RequestsInput = z.output<typeof requestsSchema>;

// ---- Matching the people on a contact to the index ----

export const linkSchema = z.object({ personId: field.id('Choose the record to link') });

export const mergeSchema = withRules(
  z.object({
    keepId: field.id('Choose the record to keep'),
    mergeId: field.id('Choose the record to merge into it'),
    reason: field.requiredText(LONG_MAX, 'Reason', 'Say why these records are the same person'),
    confirm: field.codes(['yes'], 'Confirm'),
  }),
  (v, issue) => {
    if (v.keepId && v.keepId === v.mergeId) issue('mergeId', 'Choose two different records');
    if (!(Array.isArray(v.confirm) && v.confirm.includes('yes')))
      issue('confirm', 'Confirm that these two records are the same person');
  },
);
export type MergeInput = z.output<typeof mergeSchema>;

// ---- Local settings ----

const MASH_PHONE = 'Enter the MASH phone number, like 01632 960 000';

export const mashPhoneSchema = z.object({
  mashPhone: field
    .requiredText(30, 'The MASH phone number', 'Enter the MASH phone number')
    .refine((v) => PHONE.test(v), { error: MASH_PHONE }),
});
export type MashPhoneInput = z.output<typeof mashPhoneSchema>;

// ---- The threshold decision ----

const RATIONALE = 'Give the rationale for your decision, in at least 10 characters';

const TEAM = 'Select the team the work will wait for';

const FEEDBACK = 'Enter what happens next, for the referrer';

export const decisionSchema = withRules(
  z.object({
    // One decision for every child, or (childDecisions) each child's own where siblings differ.
    decision: field.code(DECISIONS.values, 'Select the decision').optional(),
    childDecisions: z
      .record(
        z.string().regex(UUID, { error: 'Select the decision for each child' }),
        field.code(DECISIONS.values, 'Select the decision for this child'),
      )
      .optional(),
    rationale: field
      .requiredText(LONG_MAX, 'Rationale', RATIONALE)
      .refine((v) => v.length >= 10, { error: RATIONALE }),
    // The team the children wait for (a referral to children's social care only): its manager
    // allocates them and reads their records meanwhile.
    teamId: z.preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toLowerCase()) : v),
      z.string({ error: TEAM }).regex(UUID, { error: TEAM }).optional(),
    ),
    // What the referrer is told, in plain words: they read it on their referrals page.
    feedback: field.requiredText(2_000, 'What happens next', FEEDBACK),
    // The version of the contact the manager saw (a hidden field).
    version: field.int('Version', {
      min: 1,
      max: 2_147_483_647,
      missing: 'The form was incomplete. Reload the page and try again.',
    }),
  }),
  (v, issue) => {
    const each =
      v.childDecisions && typeof v.childDecisions === 'object' ? Object.values(v.childDecisions) : [];
    if (!v.childDecisions && !v.decision) issue('decision', 'Select the decision');
    const all = [v.decision, ...each] as Decision[];
    if (all.some((d) => REFERRAL_DECISIONS.includes(d)) && !v.teamId) issue('teamId', TEAM);
  },
);

/** A decision form as posted: "the same for every child", or each child's radios. */
export function decisionFromForm(body: Record<string, unknown>): Record<string, unknown> {
  if (body.perChild !== 'each') return { ...body, childDecisions: undefined };
  const childDecisions = Object.fromEntries(
    Object.entries(body)
      .filter(([k]) => k.startsWith('childDecisions-'))
      .map(([k, v]) => [k.slice('childDecisions-'.length), v]),
  );
  return { ...body, decision: undefined, childDecisions };
}
export type DecisionInput = z.output<typeof decisionSchema>;

// ---- A partner agency's answer to an information request ----

/** An agency's answer, one per person asked about (the service checks they are the request's people). */
export const answerSchema = z.object({
  answers: z
    .array(
      z.object({
        subjectId: field.id('Choose the person this answer is about'),
        holds: field.yesNo('Select whether your agency holds information about this person'),
        answer: field.text(LONG_MAX, 'Your answer'),
      }),
    )
    .min(1, { error: 'Answer for each person asked about' }),
});
export type AnswerInput = z.output<typeof answerSchema>;

/** The answer form: `holds-<subjectId>` and `answer-<subjectId>` for each person, named in its messages. */
export function answerFormSchema(people: { id: string; name: string }[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const p of people) {
    shape[`holds-${p.id}`] = field.yesNo(`Select whether your agency holds information about ${p.name}`);
    shape[`answer-${p.id}`] = field.text(LONG_MAX, `What your agency knows about ${p.name}`);
  }
  return withRules(z.object(shape), (v, issue) => {
    for (const p of people)
      if (v[`holds-${p.id}`] === true && !v[`answer-${p.id}`])
        issue(`answer-${p.id}`, `Enter what your agency knows about ${p.name}`);
  });
}

/** The answer form's values as the service takes them. */
export function answersFromForm(people: { id: string }[], v: Record<string, unknown>): AnswerInput {
  return {
    answers: people.map((p) => ({
      subjectId: p.id,
      holds: v[`holds-${p.id}`] === true,
      answer: (v[`answer-${p.id}`] as string | undefined) ?? undefined,
    })),
  };
}

// ---- The lists' query strings: lenient, a value we do not know is dropped, never an error ----

/** A list's page number: 1 unless a whole number 1 or more. */
const pageField = z.coerce.number().int().min(1).max(100_000).catch(1);

export const queueQuerySchema = z.object({
  status: z.enum(['open', 'decided', 'all']).catch('open'),
  rag: z.enum(['', 'red', 'amber', 'green', 'none']).catch(''),
  assigned: z.union([z.enum(['', 'me', 'none']), z.string().regex(UUID).toLowerCase()]).catch(''),
  page: pageField,
});

export const pageQuerySchema = z.object({ page: pageField });

export const outboxQuerySchema = z.object({
  unsent: z.literal('1').optional().catch(undefined),
  page: pageField,
});

/** The dashboard's period of receipt, both ends optional: ISO dates, the start not after the end. */
export const periodSchema = withRules(
  z.object({
    from: field.date('The start of the period'),
    to: field.date('The end of the period'),
  }),
  (v, issue) => {
    if (typeof v.from === 'string' && typeof v.to === 'string' && v.from > v.to)
      issue('from', 'The start of the period must be on or before its end');
  },
);
export type PeriodInput = z.output<typeof periodSchema>;
