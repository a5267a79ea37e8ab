/** A draft's saved answers as the values of its pages' forms, to change them. */
import type { DraftData, FormPage } from './flow.ts';
import type { AdultData, ChildData } from './data.ts';

type Values = Record<string, string>;

/** A date as a GOV.UK date input's three parts. */
function dateValues(name: string, iso: string | null | undefined): Values {
  if (!iso) return {};
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

const yesNo = (b: boolean | undefined) => (b === undefined ? '' : b ? 'yes' : 'no');

export function childValues(c: ChildData): Values {
  return {
    status: c.unborn ? 'unborn' : 'born',
    givenName: c.givenName,
    familyName: c.familyName,
    otherNames: c.otherNames,
    ageYears: c.ageYears === null ? '' : String(c.ageYears),
    sex: c.sex,
    nhsNumber: c.nhsNumber ?? '',
    upn: c.upn ?? '',
    ethnicity: c.ethnicity ?? '',
    firstLanguage: c.firstLanguage ?? '',
    interpreterNeeded: c.interpreterNeeded == null ? '' : yesNo(c.interpreterNeeded),
    disability: c.disability ?? '',
    ...dateValues('dateOfBirth', c.dateOfBirth),
    ...dateValues('expectedDate', c.expectedDate),
  };
}

export function adultValues(a: AdultData): Values {
  return {
    givenName: a.givenName,
    familyName: a.familyName,
    otherNames: a.otherNames,
    sex: a.sex,
    nhsNumber: a.nhsNumber ?? '',
    relationship: a.relationship,
    relationshipDetail: a.relationshipDetail ?? '',
    livesWithChild: yesNo(a.livesWithChild),
    relationshipTo: a.relationshipTo == null ? '' : String(a.relationshipTo),
    phone: a.phone ?? '',
    ...dateValues('dateOfBirth', a.dateOfBirth),
  };
}

/** A saved single-form section as the values of its form. */
export function sectionValues(page: FormPage, d: DraftData): Values {
  switch (page) {
    case 'address':
      if (!d.address) return {};
      return d.address.known
        ? {
            line1: d.address.line1,
            line2: d.address.line2 ?? '',
            town: d.address.town ?? '',
            postcode: d.address.postcode,
          }
        : { unknown: 'yes' };
    case 'concern':
      return { concern: d.concern ?? '', concernCategory: d.concernCategory ?? '' };
    case 'child-said':
      return d.childSaid ? { status: d.childSaid.status, details: d.childSaid.details ?? '' } : {};
    case 'risks':
      return d.risks
        ? { status: d.risks.status, details: d.risks.details ?? '', visitRisks: d.risks.visitRisks ?? '' }
        : {};
    case 'consent':
      return d.consent
        ? {
            familyAware: yesNo(d.consent.familyAware),
            consent: d.consent.consent,
            reason: d.consent.reason ?? '',
            decidedBy: d.consent.decidedBy ?? '',
          }
        : {};
    case 'referrer': {
      const r = d.referrer;
      if (!r) return {};
      return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]));
    }
    default:
      return {};
  }
}
