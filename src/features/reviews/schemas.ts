import { z } from 'zod';
import { codeList, type CodeOf } from '../../platform/codes.ts';
import { field } from '../../platform/validation.ts';

/** The criteria for notifying the national panel (Working Together 2023, chapter 5). */
export const CRITERIA = codeList([
  { value: 'death', label: 'The child has died' },
  { value: 'serious_harm', label: 'The child has been seriously harmed' },
  { value: 'abuse_or_neglect', label: 'Abuse or neglect is known or suspected' },
  { value: 'in_area', label: 'The child lives in the area, or was harmed in it' },
  { value: 'harmed_outside_england', label: 'The child normally lives here and was harmed outside England' },
  { value: 'looked_after_death', label: 'A looked-after child has died' },
]);
export type Criterion = CodeOf<typeof CRITERIA>;

/** The themes reviews keep finding, for learning across reviews. */
export const THEMES = codeList([
  { value: 'information_sharing', label: 'Information sharing' },
  { value: 'voice_of_child', label: 'The voice of the child' },
  { value: 'professional_curiosity', label: 'Professional curiosity' },
  { value: 'adults_histories', label: 'Adults’ histories not known' },
  { value: 'risk_assessment', label: 'Assessing risk' },
  { value: 'neglect', label: 'Recognising neglect' },
  { value: 'escalation', label: 'Challenge and escalation' },
  { value: 'multi_agency_working', label: 'Working together across agencies' },
]);
export type Theme = CodeOf<typeof THEMES>;

export const STAGES = codeList([
  { value: 'notified', label: 'Notified: rapid review to do' },
  { value: 'rapid_review', label: 'Rapid review under way' },
  { value: 'not_commissioned', label: 'Rapid review: no local review' },
  { value: 'local_review', label: 'Local review under way' },
  { value: 'not_published', label: 'Decided not to publish' },
  { value: 'published', label: 'Published' },
]);

const TEXT = 10_000;

export const notifySchema = z
  .object({
    personId: z.preprocess((v) => (v === '' ? undefined : v), field.id('Choose the child').optional()),
    childDescription: field.text(500, 'The child'),
    criteria: field
      .codes(CRITERIA.values, 'Criteria')
      .refine((c) => c.length > 0, { message: 'Select the criteria the incident meets' }),
    whatHappened: field.requiredText(TEXT, 'What happened', 'Enter what happened'),
    awareOn: field.requiredDate(
      'The date the council became aware',
      'Enter the date the council became aware',
      {
        notFuture: true,
      },
    ),
    pseudonym: field.requiredText(60, 'Pseudonym', 'Enter the pseudonym the review will use for the child'),
  })
  .superRefine((v, ctx) => {
    if (!v.personId && !v.childDescription)
      ctx.addIssue({
        code: 'custom',
        path: ['childDescription'],
        message: 'Describe the child (age, where they live): the child is not known to the system yet',
      });
  });
export type NotifyInput = z.infer<typeof notifySchema>;

export const periodSchema = z.object({
  periodFrom: field.requiredDate('The start of the period', 'Enter the start of the period', {
    notFuture: true,
  }),
  periodTo: field.requiredDate('The end of the period', 'Enter the end of the period'),
});
export type PeriodInput = z.infer<typeof periodSchema>;

export const analysisSchema = z.object({
  analysis: field.requiredText(TEXT, 'Analysis', 'Enter your agency’s analysis of its involvement'),
  notRecorded: field.text(TEXT, 'What was not recorded'),
});
export type AnalysisInput = z.infer<typeof analysisSchema>;

export const meetingSchema = z.object({
  meetingOn: field.requiredDate('The date of the meeting', 'Enter the date of the meeting', {
    notFuture: true,
  }),
  meetingNotes: field.requiredText(TEXT, 'The meeting', 'Enter who met and what they found'),
  learning: field.requiredText(TEXT, 'Learning identified', 'Enter the learning identified'),
  themes: field.codes(THEMES.values, 'Themes'),
  commission: field.yesNo('Select whether the partners commission a local review'),
  decisionReasons: field.requiredText(TEXT, 'Reasons', 'Enter the reasons for the decision'),
  panelResponse: field.text(TEXT, 'The national panel’s response'),
});
export type MeetingInput = z.infer<typeof meetingSchema>;

export const localReviewSchema = z.object({
  reviewer: field.requiredText(200, 'Reviewer', 'Enter the reviewer'),
  termsOfReference: field.requiredText(20_000, 'Terms of reference', 'Enter the terms of reference'),
  timeline: field.text(TEXT, 'Timeline'),
  agencyReports: field.text(20_000, 'Agency reports'),
  familyInvolvement: field.text(TEXT, 'Family involvement'),
  report: field.text(200_000, 'Report'),
  final: field.yesNo('Select whether this is the final report'),
});
export type LocalReviewInput = z.infer<typeof localReviewSchema>;

export const recommendationSchema = z.object({
  text: field.requiredText(2000, 'Recommendation', 'Enter the recommendation'),
  ownerAgencyId: field.id('Select the agency that owns the recommendation'),
  themes: field.codes(THEMES.values, 'Themes'),
});
export type RecommendationInput = z.infer<typeof recommendationSchema>;

export const publicationSchema = z
  .object({
    publish: field.yesNo('Select whether the report is to be published'),
    publishReasons: field.requiredText(TEXT, 'Reasons', 'Enter the reasons for the decision'),
    publicationOn: field.date('Publication date'),
    professionals: field.text(5000, 'Professionals named in the report'),
    publishedText: field.text(200_000, 'The report to publish'),
    briefing: field.text(TEXT, 'Learning briefing for practitioners'),
  })
  .superRefine((v, ctx) => {
    if (v.publish && !v.publicationOn)
      ctx.addIssue({ code: 'custom', path: ['publicationOn'], message: 'Enter the publication date' });
  });
export type PublicationInput = z.infer<typeof publicationSchema>;
