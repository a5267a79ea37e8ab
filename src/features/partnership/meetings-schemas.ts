import { z } from 'zod';
import { field } from '../../platform/validation.ts';
import { actionFields } from '../actions/service.ts';

export const ATTENDANCE = ['present', 'apologies', 'absent'] as const;

export const meetingSchema = z.object({
  bodyId: field.id('Select the group that met'),
  heldOn: field.requiredDate('Date of the meeting', 'Enter the date of the meeting'),
  chairUserId: field.id('Select who chaired the meeting'),
  location: field.text(200, 'Where'),
});
export type MeetingInput = z.infer<typeof meetingSchema>;

export const paperSchema = z.object({
  title: field.requiredText(200, 'Title', 'Enter the paper’s title'),
  summary: field.text(5000, 'Summary'),
});

export const decisionSchema = z.object({
  decision: field.requiredText(2000, 'Decision', 'Enter the decision'),
});

export const meetingActionSchema = z.object({ ...actionFields, detail: field.text(5000, 'Detail') });
export type MeetingActionInput = z.infer<typeof meetingActionSchema>;

/** Attendance from the API: one status for each agency that attended or sent apologies. */
export const attendanceSchema = z.object({
  attendance: z
    .array(
      z.object({
        agencyId: field.id('Select the agency'),
        status: field.code(ATTENDANCE, 'Select present, apologies or absent'),
      }),
    )
    .max(200),
});
export type AttendanceInput = z.infer<typeof attendanceSchema>;
