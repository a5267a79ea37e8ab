/**
 * The words of an explanation that need the two records, not only the levels: which side has no
 * value where a field was not compared, and whether the score rests on the address alone. Used
 * where a person reads the explanation (the live matcher), not in estimation.
 */
import { COMPARISONS, IDX, type ComparisonKey } from './comparisons.ts';
import type { MatchScore } from './model.ts';
import type { PreparedRecord } from './record.ts';

/** Whether the record has a value to compare for this field. */
function has(r: PreparedRecord, key: ComparisonKey): boolean {
  switch (key) {
    case 'given':
      return r.names.some((n) => n.givenFirst);
    case 'family':
      return r.names.some((n) => n.family);
    case 'dob':
      return r.dob?.year !== undefined;
    case 'address':
      return r.addresses.some((a) => a.postcode || a.line || a.town);
    case 'household':
      return r.household.length > 0;
    default:
      return r[key] !== undefined && r[key] !== '';
  }
}

/** Address levels at which household members are not counted (compare(): postcode or better). */
const ADDRESS_SAYS_IT = new Set<string>(
  (COMPARISONS[IDX.address]!.levels as readonly string[]).filter((l) => /^(exact|postcode)(\+kin)?$/.test(l)),
);

/**
 * Says, for each field that was not compared, why: "not given on the referral", "not on the
 * record", "not known on either"; household members not counted because the address already
 * agrees. Marks a score whose only evidence for a match is where the person lives.
 */
export function explain(referral: PreparedRecord, record: PreparedRecord, s: MatchScore): MatchScore {
  const fields = s.fields.map((f) => {
    if (f.level !== null) return f;
    const onReferral = has(referral, f.field);
    const onRecord = has(record, f.field);
    let description: string;
    if (!onReferral && !onRecord) description = 'not known on either the referral or the record';
    else if (!onReferral) description = 'not given on the referral';
    else if (!onRecord) description = 'not on the record';
    else if (f.field === 'household') {
      const address = s.fields.find((x) => x.field === 'address')?.level;
      description =
        address && ADDRESS_SAYS_IT.has(address)
          ? 'not counted: the address already agrees, and people at one address share a household'
          : 'could not be compared';
    } else description = 'could not be compared (the known parts do not overlap)';
    return { ...f, description };
  });
  const evidence = fields.filter((f) => f.weight > 0).map((f) => f.field);
  const addressOnly = evidence.length > 0 && evidence.every((k) => k === 'address' || k === 'household');
  return { ...s, fields, ...(addressOnly ? { addressOnly: true } : {}) };
}
