import { z } from 'zod';
import { ROLES } from '../../platform/access/roles.ts';
import { codeList } from '../../platform/codes.ts';
import { londonToday } from '../../platform/dates.ts';
import { field, type Body } from '../../platform/validation.ts';

export const LEVELS = codeList([
  { value: 'single_agency', label: 'Single-agency', hint: 'For one agency’s own staff' },
  { value: 'multi_agency', label: 'Multi-agency', hint: 'Staff of several agencies learning together' },
  { value: 'specialist', label: 'Specialist', hint: 'For those in particular roles' },
]);

export const ATTENDANCE = codeList([
  { value: 'attended', label: 'Attended' },
  { value: 'did_not_attend', label: 'Did not attend' },
]);

/** The 1 to 5 scale of confidence and of impact. */
export const SCALE = codeList([
  { value: '1', label: '1 – not at all' },
  { value: '2', label: '2' },
  { value: '3', label: '3' },
  { value: '4', label: '4' },
  { value: '5', label: '5 – very' },
]);

const rating = (missing: string, label: string) => field.int(label, { min: 1, max: 5, missing });

export const courseSchema = z.object({
  title: field.requiredText(150, 'Title', 'Enter the course’s title'),
  description: field.text(5000, 'Description'),
  level: field.code(LEVELS.values, 'Select the course’s level'),
  audienceRoles: field.codes(ROLES, 'Who the course is for'),
});
export type CourseInput = z.infer<typeof courseSchema>;

export const expectedSchema = z.object({
  year: field.int('Year', { min: 2000, max: 2100, missing: 'Enter the year' }),
  numbers: z
    .array(
      z.object({
        agencyId: field.id('Choose an agency'),
        expected: field.int('Expected number', { min: 0, max: 100000, missing: 'Enter a number' }),
      }),
    )
    .max(500),
});
export type ExpectedInput = z.infer<typeof expectedSchema>;

export function sessionSchemaFor(today: () => string) {
  return z
    .object({
      heldOn: field.requiredDate('The session’s date', 'Enter the session’s date', { notPast: true, today }),
      startsAt: z.preprocess(
        (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
        z.string({ error: 'Enter the start time' }).regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, {
          error: 'Enter the start time as 24-hour hours and minutes, like 09:30',
        }),
      ),
      online: field.yesNo('Select whether the session is online'),
      venue: field.text(200, 'Venue'),
      capacity: field.int('Places', { min: 1, max: 1000, missing: 'Enter how many places there are' }),
      trainer: field.requiredText(150, 'Trainer', 'Enter the trainer’s name'),
    })
    .superRefine((s, ctx) => {
      if (s.online === false && !s.venue)
        ctx.addIssue({
          code: 'custom',
          path: ['venue'],
          message: 'Enter the venue, or say the session is online',
        });
    });
}
export const sessionSchema = sessionSchemaFor(() => londonToday());
export type SessionInput = z.infer<typeof sessionSchema>;

export const attendanceSchema = z.object({
  marks: z
    .array(
      z.object({
        bookingId: field.id('Choose a booking'),
        attendance: field.code(ATTENDANCE.values, 'Select whether they attended'),
      }),
    )
    .min(1, { error: 'There is nobody booked on this session' })
    .max(1000),
});
export type AttendanceInput = z.infer<typeof attendanceSchema>;

export const evaluationSchema = z.object({
  confidenceBefore: rating('Select how confident you felt before the course', 'Confidence before'),
  confidenceAfter: rating('Select how confident you feel after the course', 'Confidence after'),
  comments: field.text(5000, 'Comments'),
});
export type EvaluationInput = z.infer<typeof evaluationSchema>;

export const followUpSchema = z.object({
  changedPractice: field.requiredText(5000, 'What changed', 'Say what has changed in your practice'),
  impact: rating('Select how much the course has changed your practice', 'Impact'),
});
export type FollowUpInput = z.infer<typeof followUpSchema>;

/** A session's form posts online as yes/no radios; the venue is kept only for a session in a room. */
export function sessionFromForm(body: Body): Body {
  return body.online === 'yes' ? { ...body, venue: '' } : body;
}

/**
 * Rows of a form written as `<list>-<n>-<key>` (one row an agency, or a booking) into the schema's
 * list, so that an error on `numbers-3-expected` points at that row's input.
 */
export function rowsFromForm(body: Body, list: string): Body {
  const rows: Record<string, unknown>[] = [];
  const pattern = new RegExp(`^${list}-(\\d{1,4})-(\\w+)$`);
  for (const [k, v] of Object.entries(body)) {
    const m = pattern.exec(k);
    if (!m) continue;
    const i = Number(m[1]);
    rows[i] ??= {};
    rows[i]![m[2]!] = v;
  }
  return { ...body, [list]: Array.from(rows, (r) => r ?? {}) };
}
