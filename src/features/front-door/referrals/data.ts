/** What a referral holds, section by section, once its answers are checked (schemas.ts). */
import type {
  AdultRelationship,
  ChildSaid,
  ConcernCategory,
  Consent,
  Disability,
  ReferrerType,
  Risk,
  SubjectSex,
} from '../codes.ts';

export const NAME_MAX = 100;
export const SHORT_MAX = 200;
/** A referral names up to this many children, and up to this many adults. */
export const MAX_PEOPLE = 20;

export interface ChildData {
  givenName: string;
  familyName: string;
  otherNames: string;
  unborn: boolean;
  dateOfBirth: string | null;
  expectedDate: string | null;
  ageYears: number | null;
  sex: SubjectSex;
  nhsNumber: string | null;
  upn: string | null;
  /** CIN census ethnicity code, when the referrer knows it. */
  ethnicity?: string | null;
  firstLanguage?: string | null;
  interpreterNeeded?: boolean | null;
  disability?: Disability | null;
}

export interface AdultData {
  givenName: string;
  familyName: string;
  otherNames: string;
  dateOfBirth: string | null;
  sex: SubjectSex;
  nhsNumber: string | null;
  relationship: AdultRelationship;
  relationshipDetail: string | null;
  livesWithChild: boolean;
  /** The child (its place in the referral's list) the relationship is to; none: every child. */
  relationshipTo?: number | null;
  phone?: string | null;
}

export type AddressData =
  | { known: true; line1: string; line2: string | null; town: string | null; postcode: string }
  | { known: false };

export interface ChildSaidData {
  status: ChildSaid;
  details: string | null;
}
export interface RiskData {
  status: Risk;
  details: string | null;
  /** What a worker visiting the home should know to stay safe (a dog, weapons, threats to staff). */
  visitRisks?: string | null;
}
export interface ConsentData {
  familyAware: boolean;
  consent: Consent;
  /** When not consent: why, and who decided to share under the safeguarding condition. */
  reason: string | null;
  decidedBy: string | null;
}

export interface ReferrerData {
  type: ReferrerType;
  name: string | null;
  jobTitle: string | null;
  /** The agency the referral comes from, when it is one of the partnership's. */
  agencyId: string | null;
  agencyName: string | null;
  phone: string | null;
  email: string | null;
  /** A member of the public: how they know the family. */
  relationship: string | null;
}

/** A whole referral, ready to submit. */
export interface ReferralInput {
  children: ChildData[];
  adults: AdultData[];
  address: AddressData;
  concern: string;
  /** The category of concern as the referrer sees it; not yet known unless given. */
  concernCategory?: ConcernCategory;
  childSaid: ChildSaidData;
  risks: RiskData;
  consent: ConsentData;
  referrer: ReferrerData;
}
