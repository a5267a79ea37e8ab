import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { formPost, queryOf } from '../../platform/http/forms.ts';
import { formatDate, londonToday } from '../../platform/dates.ts';
import { ValidationError } from '../../platform/errors.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { parseForm } from '../../platform/validation.ts';
import { annexPeriodSchema, censusExportSchema } from './schemas.ts';
import {
  annexA,
  ANNEX_A_LISTS,
  censusImports,
  cinCensus,
  cinCensusExport,
  CIN_RULE_MODULES,
  failuresCsv,
} from './service.ts';

const V = 'returns/views';

/** The last census year that has ended (1 April to 31 March), and the years the page offers. */
function lastEndedYear(today: string): number {
  const y = Number(today.slice(0, 4));
  return today.slice(5) >= '04-01' ? y - 1 : y - 2;
}
function yearOf(v: unknown, today: string): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 2010 && n <= Number(today.slice(0, 4)) ? n : lastEndedYear(today);
}
const yearLabel = (y: number) => `${y} to ${y + 1}`;

/** Where in the records each part of the return is kept (the rules' modules), for the failure list. */
const PLACES: Record<string, string> = {
  Header: 'The return’s header',
  ChildIdentifiers: 'The child’s record: identifiers',
  ChildCharacteristics: 'The child’s record: ethnicity',
  Disabilities: 'The child’s record: disabilities',
  CINdetails: 'Casework: the episode of need',
  Assessments: 'Casework: the assessment',
  CINplanDates: 'Casework: the child in need plan',
  Section47: 'Casework: the section 47 enquiry and initial conference',
  ChildProtectionPlans: 'Casework: the child protection plan',
  Reviews: 'Casework: the child protection plan’s reviews',
};

/** Where a failure is fixed: the part of the records, and the episode by its referral date. */
const failureRows = (failures: Awaited<ReturnType<typeof cinCensus>>['failures']) =>
  failures.map((f) => ({
    ...f,
    where: [
      PLACES[CIN_RULE_MODULES[f.code] ?? ''] ?? (f.childId ? 'The child’s record' : 'The return'),
      f.episodeReferral && `(the episode referred on ${formatDate(f.episodeReferral)})`,
    ]
      .filter(Boolean)
      .join(' '),
  }));

export const returnsFeature: Feature = (app, { db }) => {
  app.get('/returns', async (req, reply) => {
    const actor = actorOf(req);
    const imports = await censusImports(db, actor);
    const today = londonToday();
    const last = lastEndedYear(today);
    return reply.render(`${V}/index.njk`, {
      title: 'Returns',
      imports,
      years: [last + 1, last, last - 1, last - 2].map((y) => ({
        value: y,
        text: yearLabel(y),
        selected: y === last,
      })),
      lists: ANNEX_A_LISTS,
    });
  });

  const censusPage = async (req: Parameters<typeof actorOf>[0], year: number) => {
    const result = await cinCensus(db, { actor: actorOf(req) }, year);
    return {
      title: `CIN census ${yearLabel(year)}`,
      year,
      yearText: yearLabel(year),
      children: result.census.children.length,
      errorCount: result.errors,
      queryCount: result.queries,
      failures: failureRows(result.failures),
    };
  };
  app.get('/returns/cin-census', async (req, reply) =>
    reply.render(`${V}/cin-census.njk`, {
      ...(await censusPage(req, yearOf(queryOf(req).year, londonToday()))),
      values: {},
    }),
  );
  formPost(app, '/returns/cin-census', ({ req, actor, body }) => ({
    view: `${V}/cin-census.njk`,
    schema: censusExportSchema,
    page: () => censusPage(req, yearOf(body.year, londonToday())),
    change: async () => {
      const input = parseForm(censusExportSchema, body);
      const result = await cinCensus(db, { actor }, input.year);
      if (result.errors > 0 && !input.withFailures)
        throw new ValidationError([
          {
            field: 'withFailures',
            message: `The census has ${result.errors} errors: fix them in the records, or choose to export it with the failures listed`,
          },
        ]);
      return `/returns/cin-census/download?year=${input.year}${result.errors ? '&withFailures=yes' : ''}`;
    },
  }));
  app.get('/returns/cin-census/download', async (req, reply) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const year = yearOf(q.year, londonToday());
    const result = await cinCensus(db, { actor }, year);
    if (result.errors > 0 && q.withFailures !== 'yes')
      return reply.redirect(`/returns/cin-census?year=${year}`, 303);
    const xml = await cinCensusExport(db, { actor }, result);
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="cin-census-${year}-${(year + 1) % 100}.xml"`)
      .send(xml);
  });

  app.get('/returns/cin-census/failures.csv', async (req, reply) => {
    const year = yearOf(queryOf(req).year, londonToday());
    const result = await cinCensus(db, { actor: actorOf(req) }, year);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="cin-census-${year}-${(year + 1) % 100}-failures.csv"`,
      )
      .send(failuresCsv(result.failures));
  });

  app.get('/returns/annex-a', async (req, reply) => {
    requirePermission(actorOf(req), 'returns.produce');
    return reply.render(`${V}/annex-a.njk`, { title: 'Ofsted Annex A', lists: ANNEX_A_LISTS, values: {} });
  });
  formPost(app, '/returns/annex-a', ({ actor, body }) => ({
    view: `${V}/annex-a.njk`,
    schema: annexPeriodSchema,
    page: () => {
      requirePermission(actor, 'returns.produce');
      return { title: 'Ofsted Annex A', lists: ANNEX_A_LISTS };
    },
    change: async () => {
      requirePermission(actor, 'returns.produce');
      const p = parseForm(annexPeriodSchema, body);
      return `/returns/annex-a/download?from=${p.from}&to=${p.to}`;
    },
  }));
  app.get('/returns/annex-a/download', async (req, reply) => {
    const q = queryOf(req);
    const today = londonToday();
    const last = lastEndedYear(today);
    const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
    const from = date(q.from) ?? `${last}-04-01`;
    const to = date(q.to) ?? `${last + 1}-03-31`;
    const book = await annexA(db, { actor: actorOf(req) }, from, to < from ? from : to);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="annex-a-${from}-to-${to}.xlsx"`)
      .send(book);
  });
};
