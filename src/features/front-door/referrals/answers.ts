/** The rules for the answers of a referral besides its people: address, concern, consent, referrer. */
import { UUID } from '../../../platform/access/policy.ts';
import { formatPostcode, isValidPostcode } from '../../../platform/identifiers.ts';
import {
  CHILD_SAID_VALUES,
  CONSENT_VALUES,
  RISK_VALUES,
  type ChildSaid,
  type Consent,
  type Risk,
} from '../codes.ts';
import {
  LONG_MAX,
  NAME_MAX,
  SHORT_MAX,
  text,
  type AddressData,
  type ChildSaidData,
  type ConsentData,
  type Field,
  type Problems,
  type ReferrerData,
  type ReferrerType,
  type RiskData,
} from './rules.ts';

export function checkAddress(
  raw: { known?: unknown; line1?: unknown; line2?: unknown; town?: unknown; postcode?: unknown },
  f: Field,
  p: Problems,
): AddressData {
  if (raw.known === false) return { known: false };
  const line1 = text(p, f('line1'), 'Address line 1', raw.line1, SHORT_MAX);
  const line2 = text(p, f('line2'), 'Address line 2', raw.line2, SHORT_MAX);
  const town = text(p, f('town'), 'Town or city', raw.town, NAME_MAX);
  const postcode = text(p, f('postcode'), 'Postcode', raw.postcode, 20);
  if (!line1) p.add(f('line1'), 'Enter the first line of the address');
  if (!postcode) p.add(f('postcode'), 'Enter the postcode');
  else if (!isValidPostcode(postcode)) p.add(f('postcode'), 'Enter a real postcode, like EL1 2AB');
  return { known: true, line1, line2: line2 || null, town: town || null, postcode: formatPostcode(postcode) };
}

export function checkConcern(raw: unknown, field: string, p: Problems): string {
  const s = text(p, field, 'Your concern', raw, LONG_MAX);
  if (!s) p.add(field, 'Describe your concern about the child');
  return s;
}

export function checkChildSaid(
  raw: { status?: unknown; details?: unknown },
  f: Field,
  p: Problems,
): ChildSaidData {
  const status = (CHILD_SAID_VALUES as readonly unknown[]).includes(raw.status)
    ? (raw.status as ChildSaid)
    : undefined;
  if (!status) p.add(f('status'), 'Select whether the child has said anything about this');
  const details = text(p, f('details'), 'What the child said', raw.details, LONG_MAX);
  if (status === 'said' && !details) p.add(f('details'), 'Write what the child said, in their own words');
  return { status: status ?? 'not_asked', details: status === 'said' ? details : null };
}

export function checkRisks(raw: { status?: unknown; details?: unknown }, f: Field, p: Problems): RiskData {
  const status = (RISK_VALUES as readonly unknown[]).includes(raw.status) ? (raw.status as Risk) : undefined;
  if (!status) p.add(f('status'), 'Select whether any child is at immediate risk of harm');
  const details = text(p, f('details'), 'The immediate risk', raw.details, LONG_MAX);
  if (status === 'yes' && !details) p.add(f('details'), 'Describe the immediate risk');
  return { status: status ?? 'not_known', details: status === 'yes' ? details : null };
}

export function checkConsent(
  raw: { familyAware?: unknown; consent?: unknown; reason?: unknown; decidedBy?: unknown },
  f: Field,
  p: Problems,
): ConsentData {
  if (raw.familyAware !== true && raw.familyAware !== false)
    p.add(f('familyAware'), 'Select whether the family knows about this referral');
  const consent = (CONSENT_VALUES as readonly unknown[]).includes(raw.consent)
    ? (raw.consent as Consent)
    : undefined;
  if (!consent) p.add(f('consent'), 'Select whether the family consents to this referral');
  const reason = text(p, f('reason'), 'Why consent was not given or asked for', raw.reason, LONG_MAX);
  const decidedBy = text(p, f('decidedBy'), 'Who decided', raw.decidedBy, SHORT_MAX);
  const safeguarding = consent === 'refused' || consent === 'not_sought';
  if (safeguarding && !reason)
    p.add(
      f('reason'),
      'Say why you are referring without consent (for example, asking would put the child at risk)',
    );
  if (safeguarding && !decidedBy)
    p.add(f('decidedBy'), 'Enter the name and role of who decided to share without consent');
  return {
    familyAware: raw.familyAware === true,
    consent: consent ?? 'not_sought',
    reason: safeguarding ? reason : null,
    decidedBy: safeguarding ? decidedBy : null,
  };
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^[+\d][\d\s()-]{5,24}$/;
const ANONYMOUS: ReferrerData = {
  type: 'anonymous',
  name: null,
  jobTitle: null,
  agencyId: null,
  agencyName: null,
  phone: null,
  email: null,
  relationship: null,
};

/**
 * The referrer. Only a referral the MASH takes by phone may come from a member of the public or an
 * anonymous caller; `type` is then the caller's, otherwise 'professional'.
 */
export function checkReferrer(
  raw: Partial<Record<keyof ReferrerData, unknown>>,
  f: Field,
  p: Problems,
  opts: { phone: boolean },
): ReferrerData {
  const type: ReferrerType | undefined = !opts.phone
    ? 'professional'
    : raw.type === 'professional' || raw.type === 'public' || raw.type === 'anonymous'
      ? raw.type
      : undefined;
  if (!type) p.add(f('type'), 'Select who made the referral');
  if (type === 'anonymous') return ANONYMOUS;
  const name = text(p, f('name'), 'Name', raw.name, NAME_MAX * 2);
  const jobTitle = text(p, f('jobTitle'), 'Job title', raw.jobTitle, SHORT_MAX);
  const agencyName = text(p, f('agencyName'), 'Organisation', raw.agencyName, SHORT_MAX);
  const phone = text(p, f('phone'), 'Phone number', raw.phone, 30);
  const email = text(p, f('email'), 'Email address', raw.email, 254);
  const relationship = text(p, f('relationship'), 'How they know the family', raw.relationship, SHORT_MAX);
  const agencyId =
    typeof raw.agencyId === 'string' && UUID.test(raw.agencyId) ? raw.agencyId.toLowerCase() : null;
  if (type) {
    if (!name) p.add(f('name'), 'Enter the referrer’s full name');
    if (type === 'professional' && !jobTitle) p.add(f('jobTitle'), 'Enter the referrer’s job title or role');
    if (phone && !PHONE.test(phone))
      p.add(f('phone'), 'Enter a phone number, like 01632 960 001 or 07700 900 982');
    if (email && !EMAIL.test(email))
      p.add(f('email'), 'Enter an email address in the correct format, like name@example.com');
    if (!phone && !email)
      p.add(f('phone'), 'Enter a phone number or an email address so the MASH can contact the referrer');
  }
  return {
    type: type ?? 'professional',
    name: name || null,
    jobTitle: type === 'professional' ? jobTitle || null : null,
    agencyId: type === 'professional' ? agencyId : null,
    agencyName: type === 'professional' ? agencyName || null : null,
    phone: phone || null,
    email: email || null,
    relationship: type === 'public' ? relationship || null : null,
  };
}
