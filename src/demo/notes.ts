/** The workers' words in the demo casework: notes, reasons and findings. All fictional. */
import type { Rng } from './random.ts';
import { fill } from './voices.ts';

export const CHAIRS = ['Ruth Kendall', 'Imran Qureshi', 'Fiona Marsh'];
export const ADVOCATE = 'Jo Harmon (independent advocate)';

export const LATE_REASONS = [
  'The family cancelled three visits; the children were not seen alone until week eight.',
  'Waiting for the paediatric report, which arrived after the 45 days.',
  'The worker was off sick for two weeks and the assessment was picked up by a colleague.',
  'An interpreter could not be booked for the father’s interview until late in the assessment.',
];

export const ANALYSIS = [
  '{name} is well loved and {carer} wants things to change. The worries are the arguments at home and the effect on {name}’s sleep and schooling. {carer} has agreed to work with the family support worker.',
  'Home conditions have improved since the referral, but routines remain fragile. {name} needs a consistent bedtime, school every day and a GP review of {name}’s asthma.',
  'The risk comes from the adults’ relationship rather than the care of {name} day to day. A plan should support {carer} to keep the safety plan and help {name} talk about what has happened.',
];

export const RATIONALE = {
  section_47:
    'Reasonable cause to suspect that {name} is suffering, or is likely to suffer, significant harm: the incident reported, the history of domestic abuse and {name}’s own account.',
  continue_assessment:
    'The injury has a consistent explanation and the GP has seen {name}. No section 47; the single assessment continues with a plan to see {name} alone at school.',
  no_further_action:
    'The information does not meet the threshold; the school and health visitor will keep in touch.',
};

export const S47_NOTES = {
  substantiated_at_risk:
    '{name} was seen alone and spoke about frightening incidents at home. The police and the GP confirm the history. {name} is likely to suffer significant harm: an initial conference is needed.',
  substantiated_not_at_risk:
    'The concerns are substantiated, but {carer} has acted to protect {name} and agreed a safety plan. Support continues under the single assessment.',
  not_substantiated:
    'The explanation given fits the injury and the medical opinion. {name} was seen alone and did not raise worries. The single assessment continues.',
};

export const CORE_GROUP_NOTES = [
  'Plan reviewed line by line. {carer} attended; school report good attendance. Actions agreed for the next six weeks.',
  '{carer} did not attend; the health visitor will visit this week. Most actions on track; housing repairs still outstanding.',
  'Good progress: {carer} has started the domestic abuse programme and the children are attending every day.',
];

export const CIN_REVIEW_NOTES = [
  'Plan reviewed with {carer} and school. Attendance up to 94%; family support continues. Next review in three months.',
  'Some progress: routines better, but debts are worrying {carer}. Referred to the money advice service; the plan continues.',
  'The plan is working. {carer} wants to keep the family support worker until the summer; review again in three months.',
];

export const NOT_SEEN = [
  'No answer at the door. A card was left and {carer} rang the next day.',
  '{name} was staying with a friend; {carer} was seen and a new visit was booked.',
  'The family were away visiting relatives; the visit was rearranged.',
  '{carer} cancelled by text an hour before the visit, saying {name} was ill.',
];

export function notSeenReason(rng: Rng, name: string, carer: string): string {
  return fill(rng.pick(NOT_SEEN), name, carer);
}

export const VISIT_NOTES = [
  'Home warm and tidy; food in the fridge. Talked with {carer} about the safety plan.',
  'Went through the plan with {carer}: the nursery place has started and health visitor visits are kept.',
  '{carer} was tired but engaged. The kitchen was cluttered; we agreed a routine for the evenings.',
  'Unannounced visit. Home calm; {carer} showed me the new bunk beds from the family support charity.',
  'Met {name} at school as agreed, then saw {carer} at home. The safety plan is being followed.',
  'Brief visit: {carer} had a hospital appointment. Home adequate; next visit booked.',
];

export function visitNote(rng: Rng, name: string, carer: string): string {
  return fill(rng.pick(VISIT_NOTES), name, carer);
}
