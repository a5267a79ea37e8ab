/**
 * What agencies write in a child's chronology, in plain English. {child}, {mother}, {partner},
 * {carer}, {school} and {town} are filled in for each child.
 */
export type AgencyRef =
  | 'council'
  | 'police'
  | 'hospital'
  | 'community'
  | 'gp'
  | 'school'
  | 'probation'
  | 'yjs'
  | 'housing'
  | 'voluntary';
export type Significance = 'low' | 'medium' | 'high';
export type Visibility = 'partnership' | 'mash_and_allocated' | 'agency';

export interface Story {
  category: string;
  agency: AgencyRef;
  significance: Significance;
  visibility?: Visibility;
  text: string[];
}

const s = (
  category: string,
  agency: AgencyRef,
  significance: Significance,
  text: string[],
  visibility?: Visibility,
): Story => ({ category, agency, significance, text, visibility });

export const STORIES = {
  // Every child's early years.
  birth: s('health', 'hospital', 'low', [
    'Born at Elmshire General Hospital at 39 weeks. Went home with {mother} the next day.',
    'Born at Elmshire General Hospital after a long labour. Feeding well; discharged home after two days.',
    'Born at home with the community midwife present. Mother and baby well.',
  ]),
  birthNotice: s('health', 'community', 'low', [
    'Birth notification received by the health visiting team. New birth visit booked.',
  ]),
  gpRegistered: s('health', 'gp', 'low', ['Registered with Millbrook Medical Practice.']),
  newBirthVisit: s('health', 'community', 'low', [
    'New birth visit by the health visitor. Baby feeding well; {carer} coping; home warm and safe.',
    'New birth visit: baby alert and settled. {carer} has good support from family nearby.',
  ]),
  newBirthWorry: s('health', 'community', 'medium', [
    'New birth visit: the home was cold and cluttered and {mother} was tearful. Follow-up visit booked and perinatal mental health support discussed.',
  ]),
  gpCheck: s('health', 'gp', 'low', [
    'Six to eight week check: growth and development normal. First immunisations given.',
  ]),
  immunisations: s('health', 'gp', 'low', ['One-year immunisations given. No concerns.']),
  review2: s('health', 'community', 'low', [
    'Two-year development review: walking, talking and playing as expected.',
    'Two-year development review: all areas on track. {carer} asked about nursery places.',
  ]),
  review2Worry: s('health', 'community', 'medium', [
    'Two-year development review: speech behind what is expected; referred to speech and language therapy.',
    'Two-year development review missed twice; seen at the third appointment. Speech a little delayed.',
  ]),
  startedSchool: s('education', 'school', 'low', ['Started in Reception at {school}.']),
  attendanceGood: s('school_attendance', 'school', 'low', [
    'Attendance for the school year: {pct}%. No concerns.',
    'Attendance for the school year: {pct}%. Settled and making friends.',
    'Attendance for the school year: {pct}%. Working hard and enjoys football club.',
  ]),
  attendanceFalling: s('school_attendance', 'school', 'medium', [
    'Attendance for the school year: {pct}%. Often late on Mondays; letter sent home and a meeting offered.',
    'Attendance for the school year: {pct}%. Several days off with no reason given; {carer} invited to a meeting.',
  ]),
  attendancePoor: s('school_attendance', 'school', 'high', [
    'Attendance for the school year fell to {pct}%. {carer} did not come to the attendance meeting; referred to the education welfare officer.',
    'Attendance for the school year: {pct}%. {child} often arrives late and tired; home visit by the attendance officer.',
  ]),
  // Antenatal (unborn children).
  pregnancyGp: s('health', 'gp', 'low', [
    '{mother} told the GP she is pregnant. Folic acid advised; referred to the midwife.',
  ]),
  datingScan: s('health', 'hospital', 'low', ['Dating scan at 12 weeks; due date confirmed.']),
  booking: s('health', 'hospital', 'low', [
    'Pregnancy booked with the midwife at 10 weeks. {mother} well; no concerns raised.',
  ]),
  scan: s('health', 'hospital', 'low', ['Routine 20-week scan attended with {partner}. No concerns.']),
  antenatalVisit: s('health', 'community', 'low', [
    'Antenatal contact by the health visitor. {mother} is preparing for the baby and has a cot and clothes ready.',
  ]),
  preBirth: s('referral', 'council', 'high', [
    'Pre-birth referral from the midwife: worries about domestic abuse and {mother} missing appointments. Pre-birth assessment started.',
  ]),
  // Early help.
  earlyHelpStart: s('early_help', 'council', 'medium', [
    'Early help assessment completed with {carer}. Worries: school attendance, bedtime routines and debt. A plan was agreed with the school and a family support worker.',
    'Early help assessment with {carer}: {child} is struggling with anger at home and school. Plan agreed; family support worker to visit weekly.',
  ]),
  teamAroundFamily: s('early_help', 'school', 'low', [
    'Team around the family meeting at {school}. Routines are better; attendance up to 93% this half term.',
    'Team around the family review: {carer} has cleared some of the rent arrears with help from the family support worker.',
  ]),
  earlyHelpClosed: s('early_help', 'council', 'low', [
    'Early help plan closed: the family met their goals and know how to ask for help again.',
  ]),
  familySupport: s('early_help', 'voluntary', 'low', [
    'Family support worker began weekly visits to help with routines, meals and budgeting.',
  ]),
  gpWorry: s('health', 'gp', 'medium', [
    '{child} seen with {carer} about poor sleep and bed-wetting. {carer} said things at home have been stressful. Review in a month.',
    '{child} brought in with head lice and a bad cough for the third time this term. {carer} seemed overwhelmed.',
  ]),
  gpPrivate: s(
    'health',
    'gp',
    'medium',
    [
      '{mother} told the GP about low mood and anxiety; treatment started. Talked about how she is coping with the children.',
    ],
    'agency',
  ),
  hungry: s('school_attendance', 'school', 'medium', [
    '{child} came to school hungry three days this week and asked staff for breakfast. Breakfast club place offered.',
  ]),
  // Children's social care.
  referralSchool: s('referral', 'council', 'medium', [
    'Referral from {school}: {child} said there is a lot of shouting at home and does not want to go home. Decision: child and family assessment.',
  ]),
  referralPolice: s('referral', 'council', 'high', [
    'Contact from the police after a domestic incident at the home. Decision: strategy discussion and section 47 enquiry.',
  ]),
  referralHealth: s('referral', 'council', 'medium', [
    'Referral from the health visitor about home conditions and {mother} missing appointments. Decision: child and family assessment.',
  ]),
  assessment: s('assessment', 'council', 'medium', [
    'Child and family assessment completed. {child} is a child in need; a child in need plan was agreed with {carer}.',
    'Child and family assessment completed: the family accepted a child in need plan focused on routines and safety at home.',
  ]),
  cinReview: s('assessment', 'council', 'low', [
    'Child in need plan reviewed: things are steadier at home; the plan continues for three months.',
  ]),
  strategy: s('child_protection', 'council', 'high', [
    'Strategy discussion with the police and health. Section 47 enquiry started; {child} seen alone at school.',
  ]),
  conference: s('child_protection', 'council', 'high', [
    'Initial child protection conference: {child} made the subject of a child protection plan under the category of neglect.',
    'Initial child protection conference: {child} made the subject of a child protection plan under the category of emotional abuse.',
    'Initial child protection conference: {child} made the subject of a child protection plan under the category of physical abuse.',
  ]),
  coreGroup: s('child_protection', 'council', 'low', [
    'Core group meeting: {carer} has kept every appointment and the home is tidier.',
    'Core group meeting: {carer} missed the meeting; the health visitor will visit this week.',
  ]),
  reviewConference: s('child_protection', 'council', 'medium', [
    'Review child protection conference: the plan continues; worries remain about {partner} visiting the home.',
    'Review child protection conference: the plan ended; a child in need plan follows.',
  ]),
  kinship: s('family_circumstances', 'council', 'high', [
    '{child} went to live with {carer} (grandmother) under a family arrangement when {mother} could no longer care for the children.',
  ]),
  partnerMovedIn: s('family_circumstances', 'community', 'low', [
    '{carer} told the health visitor that her new partner {partner} has moved into the home.',
  ]),
  // Hospital.
  edMinor: s('hospital_attendance', 'hospital', 'low', [
    'Attended the Emergency Department with {carer} after a fall from a bike. Cut to the chin glued; the explanation fitted the injury.',
    'Attended the Emergency Department with a high temperature; treated for an ear infection and sent home.',
  ]),
  edWorry: s('hospital_attendance', 'hospital', 'high', [
    "Brought to the Emergency Department late in the evening with bruising to the upper arm. {carer}'s account changed between the nurse and the doctor. Hospital safeguarding team informed.",
  ]),
  edBaby: s('hospital_attendance', 'hospital', 'high', [
    'Baby brought to the Emergency Department with a swollen leg; an X-ray showed a fracture. Not yet crawling: referred under the protocol for injuries in non-mobile babies.',
  ]),
  overdose: s('hospital_attendance', 'hospital', 'high', [
    'Attended the Emergency Department after taking an overdose of paracetamol. Seen by the mental health liaison team; went home with a safety plan.',
  ]),
  schoolNurse: s('health', 'community', 'medium', [
    'Seen by the school nurse: {child} talked about feeling low and not sleeping. Referred to the children’s mental health service.',
  ]),
  // Police.
  policeCall: s('police_incident', 'police', 'medium', [
    'Police called to the address at 23:40 after neighbours heard shouting. The adults had been drinking; no offence disclosed. {child} was asleep upstairs.',
  ]),
  policeIntel: s(
    'police_incident',
    'police',
    'medium',
    ['Intelligence that cannabis is being sold from the address. Logged for information; no action yet.'],
    'mash_and_allocated',
  ),
  missing: s('missing_episode', 'police', 'high', [
    '{child} reported missing by {carer} at 21:00 and found the next morning at a friend’s house in {town}. Return home interview offered.',
    '{child} missing overnight; found by officers at the bus station with older teenagers. Worries about exploitation shared with the MASH.',
  ]),
  daHigh: s('domestic_abuse', 'police', 'high', [
    'Domestic incident: {partner} assaulted {mother} in the kitchen while the children were in the house. {partner} arrested. Risk assessment: high; referred to MARAC.',
    'Domestic incident: {mother} called 999 saying {partner} was threatening her with a knife. The children were in the next room. {partner} arrested and bailed with conditions.',
  ]),
  daStandard: s('domestic_abuse', 'police', 'medium', [
    'Argument between {mother} and {partner} reported by a neighbour. No injuries; the children were at home. Risk assessment: standard.',
  ]),
  daBreach: s(
    'domestic_abuse',
    'police',
    'high',
    [
      '{partner} seen at the address in breach of bail conditions. {mother} said he had come to collect his things.',
    ],
    'mash_and_allocated',
  ),
  marac: s(
    'domestic_abuse',
    'police',
    'medium',
    [
      'Discussed at MARAC. Actions: safety plan with {mother}; marker on the address for a fast police response.',
    ],
    'mash_and_allocated',
  ),
  disclosure: s('disclosure', 'school', 'medium', [
    '{child} told the class teacher that {partner} "hurt mummy" at the weekend. Passed to the designated safeguarding lead and to the MASH.',
  ]),
  // School and youth justice.
  suspension: s('exclusion', 'school', 'medium', [
    'Suspended for two days after kicking a member of staff who stopped {child} leaving the classroom.',
    'Suspended for one day for fighting at lunchtime. Reintegration meeting held with {carer}.',
  ]),
  permanentExclusion: s('exclusion', 'school', 'high', [
    'Permanently excluded after bringing a knife onto the school site. Place arranged at the Elmshire Learning Centre.',
  ]),
  youthJustice: s('youth_justice', 'yjs', 'medium', [
    'Referral order for shoplifting with older boys. Youth justice worker allocated; worries about exploitation noted.',
    'Out of court disposal for possession of cannabis. Six sessions with the youth justice worker agreed.',
  ]),
  // Adults around the child.
  probationOrder: s('probation', 'probation', 'medium', [
    '{partner} began a 12-month community order for assault. Probation checked with the MASH about the children in the household.',
  ]),
  probationLicence: s('probation', 'probation', 'high', [
    '{partner} released from prison on licence. Licence conditions: no contact with {mother} without approval.',
  ]),
  probationVisit: s('probation', 'probation', 'high', [
    'Home visit by probation: {partner} is living at the family home, which he had not disclosed. Shared with children’s social care.',
  ]),
  arrears: s('housing', 'housing', 'medium', [
    'Rent arrears of £1,240. Tenancy support worker allocated to help with a payment plan.',
  ]),
  damp: s('housing', 'housing', 'low', [
    'Report of damp and mould in the children’s bedroom. Repairs booked.',
  ]),
  possession: s('housing', 'housing', 'high', [
    'Notice seeking possession served for rent arrears. Referred to the homelessness prevention team.',
  ]),
  temporary: s('housing', 'housing', 'high', [
    'Family moved into temporary accommodation in {town} after losing their tenancy.',
  ]),
} satisfies Record<string, Story>;

export type StoryKey = keyof typeof STORIES;

export interface StoryContext {
  child: string;
  mother: string;
  partner: string;
  carer: string;
  school: string;
  town: string;
  /** An attendance percentage. */
  pct: string;
}

export function fill(text: string, ctx: StoryContext): string {
  return text.replace(/\{(\w+)\}/g, (m, key: string) => (key in ctx ? ctx[key as keyof StoryContext] : m));
}
