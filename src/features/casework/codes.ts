/**
 * The fixed lists of statutory casework, with short labels. National codes follow the CIN census
 * (2025-26 schema): referral sources, primary need N0-N9, reasons for closure RC1-RC9, assessment
 * factors and categories of abuse.
 */

import { codeList, type CodeOf } from '../../platform/codes.ts';

/** The values of each list below. */
export type VoiceContext = CodeOf<typeof VOICE_CONTEXTS>;

export const REFERRAL_SOURCES = codeList([
  { value: '1A', label: 'Individual: family member, relative or carer' },
  { value: '1B', label: 'Individual: acquaintance (including neighbours and childminders)' },
  { value: '1C', label: 'Individual: self' },
  { value: '1D', label: 'Individual: other (including strangers)' },
  { value: '2A', label: 'Schools' },
  { value: '2B', label: 'Education services' },
  { value: '3A', label: 'Health services: GP' },
  { value: '3B', label: 'Health services: health visitor' },
  { value: '3C', label: 'Health services: school nurse' },
  { value: '3D', label: 'Health services: other primary health services' },
  { value: '3E', label: 'Health services: A&E' },
  { value: '3F', label: 'Health services: other (for example a hospice)' },
  { value: '4', label: 'Housing' },
  { value: '5A', label: 'Local authority: social care (for example adult social care)' },
  { value: '5B', label: 'Local authority: other internal (for example youth justice)' },
  { value: '5C', label: 'Local authority: external (another local authority)' },
  { value: '5D', label: 'Local authority: early help' },
  { value: '6', label: 'Police' },
  { value: '7', label: 'Other legal agency (courts, probation, immigration, Cafcass, prison)' },
  { value: '8', label: 'Other (children’s centres, independent or voluntary organisations)' },
  { value: '9', label: 'Anonymous' },
  { value: '10', label: 'Unknown' },
]);

export const PRIMARY_NEEDS = codeList([
  { value: 'N1', label: 'Abuse, neglect and exploitation' },
  { value: 'N2', label: 'Child’s disability' },
  { value: 'N3', label: 'Parental disability or illness' },
  { value: 'N4', label: 'Family in acute stress' },
  { value: 'N5', label: 'Family dysfunction' },
  { value: 'N6', label: 'Socially unacceptable behaviour' },
  { value: 'N7', label: 'Low income' },
  { value: 'N8', label: 'Absent parenting' },
  { value: 'N9', label: 'Cases other than children in need' },
  { value: 'N0', label: 'Not stated' },
]);

export const CLOSURE_REASONS = codeList([
  { value: 'RC1', label: 'Adopted' },
  { value: 'RC2', label: 'Died' },
  { value: 'RC3', label: 'Child arrangements order' },
  { value: 'RC4', label: 'Special guardianship order' },
  { value: 'RC5', label: 'Transferred to services of another local authority' },
  { value: 'RC6', label: 'Transferred to adult social care services' },
  { value: 'RC7', label: 'Services ceased for any other reason, including child no longer in need' },
  { value: 'RC8', label: 'Case closed after assessment, no further action' },
  { value: 'RC9', label: 'Case closed after assessment, referred to early help (step-down)' },
]);

/** Closures that the CIN census expects only after an assessment (rule 8825Q). */
export const AFTER_ASSESSMENT_CLOSURES: readonly string[] = ['RC8', 'RC9'];
/** The closure code of a step-down to early help. */
export const STEP_DOWN_CLOSURE = 'RC9';

/** Factors identified at assessment (18A and 19A are retired: 18B/C and 19B/C instead). */
export const ASSESSMENT_FACTORS = codeList([
  { value: '1A', label: 'Alcohol misuse: the child' },
  { value: '1B', label: 'Alcohol misuse: parent or carer' },
  { value: '1C', label: 'Alcohol misuse: another person in the household' },
  { value: '2A', label: 'Drug misuse: the child' },
  { value: '2B', label: 'Drug misuse: parent or carer' },
  { value: '2C', label: 'Drug misuse: another person in the household' },
  { value: '3A', label: 'Domestic abuse: the child is the subject' },
  { value: '3B', label: 'Domestic abuse: parent or carer is the subject' },
  { value: '3C', label: 'Domestic abuse: another person in the household is the subject' },
  { value: '4A', label: 'Mental health: the child' },
  { value: '4B', label: 'Mental health: parent or carer' },
  { value: '4C', label: 'Mental health: another person in the household' },
  { value: '5A', label: 'Learning disability: the child' },
  { value: '5B', label: 'Learning disability: parent or carer' },
  { value: '5C', label: 'Learning disability: another person in the household' },
  { value: '6A', label: 'Physical disability or illness: the child' },
  { value: '6B', label: 'Physical disability or illness: parent or carer' },
  { value: '6C', label: 'Physical disability or illness: another person in the household' },
  { value: '7A', label: 'Young carer' },
  { value: '8B', label: 'Privately fostered: overseas child who intends to return' },
  { value: '8C', label: 'Privately fostered: overseas child who intends to stay' },
  { value: '8D', label: 'Privately fostered: UK child in an educational placement' },
  { value: '8E', label: 'Privately fostered: UK child in an alternative family arrangement' },
  { value: '8F', label: 'Privately fostered: other' },
  { value: '9A', label: 'Unaccompanied asylum-seeking child' },
  { value: '10A', label: 'Going or being missing' },
  { value: '11A', label: 'Child sexual exploitation' },
  { value: '12A', label: 'Trafficking' },
  { value: '13A', label: 'Gangs' },
  { value: '14A', label: 'Socially unacceptable behaviour' },
  { value: '15A', label: 'Self-harm' },
  { value: '16A', label: 'Neglect' },
  { value: '17A', label: 'Emotional abuse' },
  { value: '18B', label: 'Physical abuse: child on child' },
  { value: '18C', label: 'Physical abuse: adult on child' },
  { value: '19B', label: 'Sexual abuse: child on child' },
  { value: '19C', label: 'Sexual abuse: adult on child' },
  { value: '20', label: 'Other' },
  { value: '21', label: 'No factors identified' },
  { value: '22A', label: 'Female genital mutilation' },
  { value: '23A', label: 'Abuse linked to faith or belief' },
  { value: '24A', label: 'Child criminal exploitation' },
]);
/** "No factors identified" stands alone (CIN census rule 8869). */
export const NO_FACTORS = '21';

export const ASSESSMENT_OUTCOMES = codeList([
  { value: 'no_further_action', label: 'No further action' },
  { value: 'early_help', label: 'Step down to early help' },
  { value: 'cin_plan', label: 'Child in need plan' },
  { value: 'strategy_discussion', label: 'Strategy discussion: concerns of significant harm' },
  {
    value: 'other_service',
    label: 'Another service (for example a transfer or a disabled children’s service)',
  },
]);

/** Where an action of a child protection plan stands, at each core group and review conference. */
export const ACTION_PROGRESS = codeList([
  { value: 'not_started', label: 'Not started' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'done', label: 'Done' },
  { value: 'not_done', label: 'Not done, overdue or stopped' },
]);

export const STRATEGY_DECISIONS = codeList([
  {
    value: 'section_47',
    label: 'Start a section 47 enquiry',
    hint: 'Reasonable cause to suspect significant harm.',
  },
  { value: 'continue_assessment', label: 'No section 47: continue the single assessment' },
  { value: 'no_further_action', label: 'No further action' },
]);

export const S47_OUTCOMES = codeList([
  {
    value: 'substantiated_at_risk',
    label: 'Concerns substantiated: the child is likely to suffer significant harm',
  },
  {
    value: 'substantiated_not_at_risk',
    label: 'Concerns substantiated, but the child is not judged to be at continuing risk of significant harm',
  },
  { value: 'not_substantiated', label: 'Concerns not substantiated' },
]);

/** Categories of abuse (CIN census codes). */
export const ABUSE_CATEGORIES = codeList([
  { value: 'NEG', label: 'Neglect' },
  { value: 'PHY', label: 'Physical abuse' },
  { value: 'EMO', label: 'Emotional abuse' },
  { value: 'SAB', label: 'Sexual abuse' },
  { value: 'MUL', label: 'Multiple' },
]);

export const ICPC_DECISIONS = codeList([
  { value: 'plan', label: 'Child protection plan', hint: 'The child is likely to suffer significant harm.' },
  { value: 'cin_plan', label: 'No plan: child in need plan' },
  { value: 'no_plan', label: 'No plan and no further social care service' },
]);

export const REVIEW_DECISIONS = codeList([
  { value: 'continue', label: 'The plan continues' },
  { value: 'end', label: 'The plan should end', hint: 'A team manager records the end of the plan.' },
]);

export const CP_PLAN_END_REASONS = codeList([
  {
    value: 'no_longer_at_risk',
    label: 'No longer at continuing risk of significant harm (review conference)',
  },
  { value: 'looked_after', label: 'Became looked after' },
  { value: 'moved_away', label: 'Moved to another local authority' },
  { value: 'reached_18', label: 'Reached 18' },
  { value: 'died', label: 'Died' },
  { value: 'other', label: 'Other' },
]);

export const CIN_PLAN_END_REASONS = codeList([
  { value: 'needs_met', label: 'Needs met: no longer a child in need' },
  { value: 'step_down', label: 'Stepped down to early help' },
  { value: 'child_protection', label: 'Became subject of a child protection plan' },
  { value: 'looked_after', label: 'Became looked after' },
  { value: 'moved_away', label: 'Moved to another local authority' },
  { value: 'other', label: 'Other' },
]);

/** How the child's voice was gathered. */
export const VOICE_METHODS = codeList([
  { value: 'seen_alone', label: 'Seen alone' },
  { value: 'conversation', label: 'Conversation' },
  { value: 'play', label: 'Play' },
  { value: 'drawing', label: 'Drawing or writing' },
  { value: 'direct_work', label: 'Direct work tool (for example three houses)' },
  { value: 'observation', label: 'Observation' },
  { value: 'advocate', label: 'Through an advocate' },
  { value: 'interpreter', label: 'With an interpreter' },
  { value: 'communication_aid', label: 'Communication aid (for example Makaton or symbols)' },
  { value: 'other', label: 'Other' },
]);

export const VOICE_CONTEXTS = codeList([
  { value: 'assessment', label: 'Single assessment' },
  { value: 'conference', label: 'Child protection conference' },
  { value: 'cin_plan_review', label: 'Child in need plan review' },
  { value: 'visit', label: 'Visit' },
  { value: 'direct_work', label: 'Direct work' },
  { value: 'early_help', label: 'Early help assessment' },
]);
