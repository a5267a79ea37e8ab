/**
 * Publication: the decision to publish or not, with its reasons, signed off by the three statutory
 * partners (changing the decision withdraws the sign-offs given); the report anonymised with the
 * review's pseudonyms, the changes shown for approval; publishing refused while any name, date of
 * birth or address of a person linked to the review, or a professional's name, is still in the text.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { addMonths } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, ForbiddenError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { anonymise, describeHit, findHits, type Subject } from './anonymise.ts';
import * as repo from './repository/index.ts';
import { publicationSchema, type PublicationInput } from './schemas.ts';
import { lockedAt, visibleReview } from './shared.ts';

/** The review's subjects with every name, date of birth and address, for the anonymiser. */
export async function subjectsOf(db: Db, actor: Actor, reviewId: string): Promise<Subject[]> {
  const subjects = await repo.subjects(db, reviewId);
  const ids = subjects.map((s) => s.personId).filter((x): x is string => !!x);
  const ident = new Map((await repo.identities(db, actor.partnershipId, ids)).map((i) => [i.personId, i]));
  return subjects.map((s) => {
    const i = s.personId ? ident.get(s.personId) : undefined;
    return {
      pseudonym: s.pseudonym,
      names: i ? i.names.map((n) => [n.given, n.family].filter(Boolean).join(' ')) : [s.name ?? ''],
      datesOfBirth: i?.dateOfBirth ? [i.dateOfBirth] : [],
      addresses: i?.addresses ?? [],
    };
  });
}

/** "Jane Doe = the social worker" lines (or just a name: "Professional n"). */
function professionalsFrom(text: string | undefined, from: number) {
  let n = from;
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name, pseudonym] = l.split('=').map((x) => x.trim());
      return { name: name!, pseudonym: pseudonym || `Professional ${++n}` };
    });
}

/** The publication page: the final report anonymised, what changed, what the check still finds. */
export async function publicationPage(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'review.manage');
  const review = await visibleReview(db, actor, id);
  const subjects = await subjectsOf(db, actor, id);
  const [latest] = await repo.reportVersions(db, id);
  const anonymised = latest ? anonymise(latest.text, subjects) : undefined;
  const text = review.publishedText ?? anonymised?.text ?? '';
  const hits = findHits(`${text}\n${review.briefing ?? ''}`, subjects).map(describeHit);
  const professionals = (await repo.subjects(db, id)).filter((s) => s.role === 'professional' && !s.personId);
  await audit(db, actor, { action: 'review.publication_viewed', entityType: 'review', entityId: id });
  return {
    review,
    latest,
    changes: anonymised?.changes ?? [],
    textToPublish: text,
    hits,
    professionals: professionals.map((p) => `${p.name} = ${p.pseudonym}`).join('\n'),
    signOffs: await repo.signOffs(db, actor.partnershipId, id),
  };
}

/** Records the decision (publish or not, reasons, date, text, briefing); withdraws sign-offs given. */
export async function savePublication(db: Db, actor: Actor, id: string, input: PublicationInput) {
  requirePermission(actor, 'review.manage');
  await visibleReview(db, actor, id);
  const v = parse(publicationSchema, input);
  return db.transaction(async (tx) => {
    await lockedAt(tx, actor, id, ['local_review'], 'Changing the publication decision');
    // The list replaces the professionals named so far; without one (an API call), they are kept.
    if (v.professionals !== undefined) {
      await repo.clearProfessionals(tx, id);
      const named = (await repo.subjects(tx, id)).filter((s) => s.role === 'professional').length;
      for (const p of professionalsFrom(v.professionals, named))
        await repo.addSubject(tx, actor.partnershipId, id, { personId: null, role: 'professional', ...p });
    }
    let text = v.publishedText ?? null;
    if (v.publish && !text) {
      const [latest] = await repo.reportVersions(tx, id);
      if (latest) text = anonymise(latest.text, await subjectsOf(tx, actor, id)).text;
    }
    const problems = new Problems();
    if (v.publish && !text) problems.add('publishedText', 'Enter the report to publish');
    problems.check();
    await repo.updateReview(tx, id, {
      publish: v.publish,
      publish_reasons: v.publishReasons,
      publication_on: v.publish ? v.publicationOn : null,
      published_text: v.publish ? text : null,
      briefing: v.briefing ?? null,
      decided_on: null,
    });
    const withdrawn = await repo.clearSignOffs(tx, id);
    await audit(tx, actor, {
      action: 'review.publication_decided',
      entityType: 'review',
      entityId: id,
      detail: { publish: v.publish, signOffsWithdrawn: withdrawn },
    });
  });
}

/**
 * Signs the decision for the actor's agency (a statutory partner). The third signature makes a
 * decision not to publish final; a decision to publish then waits for the business manager to publish.
 */
export async function signOffDecision(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'partnership.sign_off');
  await visibleReview(db, actor, id);
  const partners = await repo.signOffs(db, actor.partnershipId, id);
  const mine = partners.find((p) => p.agencyId === actor.agencyId);
  if (!mine) throw new ForbiddenError('Only a lead of one of the three statutory partners can sign off.');
  return db.transaction(async (tx) => {
    const review = await lockedAt(tx, actor, id, ['local_review'], 'Signing off');
    if (review.publish === null)
      throw new ConflictError('There is no decision about publication to sign off yet.');
    if (mine.signedBy) throw new ConflictError(`${mine.agency} has signed off this decision already.`);
    await repo.insertSignOff(tx, actor.partnershipId, id, actor.agencyId, actor.userId);
    const all = partners.every((p) => p.signedBy || p.agencyId === actor.agencyId);
    if (all) {
      await repo.updateReview(tx, id, {
        decided_on: londonToday(),
        ...(review.publish ? {} : { stage: 'not_published' }),
      });
    }
    await audit(tx, actor, {
      action: 'review.publication_signed_off',
      entityType: 'review',
      entityId: id,
      detail: { agencyId: actor.agencyId, allSigned: all, publish: review.publish },
    });
    return { allSigned: all };
  });
}

/**
 * Publishes the anonymised report: refused without the three partners' sign-off of a decision to
 * publish, and while the check finds any name, date of birth or address (each hit named).
 */
export async function publishReview(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'review.manage');
  await visibleReview(db, actor, id);
  return db.transaction(async (tx) => {
    const review = await lockedAt(tx, actor, id, ['local_review'], 'Publishing');
    const problems = new Problems();
    const missing = (await repo.signOffs(tx, actor.partnershipId, id)).filter((p) => !p.signedBy);
    if (!review.publish) problems.add('publish', 'The partners have not decided to publish this report');
    else if (missing.length)
      problems.add(
        'publish',
        `The three statutory partners must sign off the decision first: ${missing.map((m) => m.agency).join(', ')} ${missing.length === 1 ? 'has' : 'have'} not signed`,
      );
    const hits = findHits(
      `${review.publishedText ?? ''}\n${review.briefing ?? ''}`,
      await subjectsOf(tx, actor, id),
    );
    if (hits.length)
      problems.add(
        'publishedText',
        `The report still names people linked to the review: ${hits.map(describeHit).join('; ')}`,
      );
    problems.check();
    const today = londonToday();
    const on = review.publicationOn && review.publicationOn > today ? review.publicationOn : today;
    await repo.updateReview(tx, id, { stage: 'published', published_on: on });
    await audit(tx, actor, {
      action: 'review.published',
      entityType: 'review',
      entityId: id,
      detail: { publishedOn: on },
    });
    return { publishedOn: on };
  });
}

/** The public page's reports: published, anonymised, each kept at least a year (never taken down here). */
export async function publishedReports(db: Db) {
  const rows = await repo.published(db, '1900-01-01');
  return rows.map((r) => ({ ...r, availableUntil: addMonths(r.publishedOn, 12) }));
}
