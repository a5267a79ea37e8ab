import type { FastifyRequest } from 'fastify';
import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, paramOf } from '../../platform/http/forms.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/validation.ts';
import {
  draftForEdit,
  listYearlyReports,
  NARRATIVE,
  narrativeSchema,
  reportPage,
  saveNarrative,
  signOffReport,
  startReport,
  startSchema,
  yearlyReportPdf,
} from './service.ts';

const V = 'yearly-report/views';
const MESSAGES: Record<string, string> = {
  started: 'The yearly report is started: write its sections',
  saved: 'The report is saved',
  signed: 'You signed off the yearly report for your agency',
  published: 'All three partners have signed: the yearly report is published',
};

/** The year in the address ('2025'), else 404. */
function yearParam(req: FastifyRequest): number {
  const v = paramOf(req.params, 'year');
  if (typeof v !== 'string' || !/^20\d\d$/.test(v)) throw new NotFoundError();
  return Number(v);
}

export const yearlyReportFeature: Feature = (app, { db }) => {
  app.get('/partnership/yearly-reports', async (req, reply) => {
    const data = await listYearlyReports(db, actorOf(req));
    return reply.render(`${V}/list.njk`, { title: 'Yearly reports', ...data, flash: flashOf(req, MESSAGES) });
  });

  formPost(app, '/partnership/yearly-reports', ({ actor, body }) => ({
    view: `${V}/list.njk`,
    schema: startSchema,
    page: async () => ({ title: 'Yearly reports', ...(await listYearlyReports(db, actor)) }),
    change: async () => {
      const year = await startReport(db, actor, parseForm(startSchema, body));
      return `/partnership/yearly-reports/${year}/edit?done=started`;
    },
  }));

  app.get('/partnership/yearly-reports/:year', async (req, reply) => {
    const data = await reportPage(db, actorOf(req), yearParam(req));
    return reply.render(`${V}/report.njk`, {
      title: `Yearly report, ${data.content.yearLabel}`,
      ...data,
      flash: flashOf(req, MESSAGES),
    });
  });

  app.get('/partnership/yearly-reports/:year/report.pdf', async (req, reply) => {
    const year = yearParam(req);
    const pdf = await yearlyReportPdf(db, actorOf(req), year);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="yearly-report-${year}-${year + 1}.pdf"`)
      .header('x-content-type-options', 'nosniff')
      .send(pdf);
  });

  const EDIT = `${V}/edit.njk`;
  app.get('/partnership/yearly-reports/:year/edit', async (req, reply) => {
    const year = yearParam(req);
    const r = await draftForEdit(db, actorOf(req), year);
    return reply.render(EDIT, {
      title: 'Write the yearly report',
      report: r,
      sections: NARRATIVE,
      values: Object.fromEntries(NARRATIVE.map((n) => [n.key, r[n.key]])),
      flash: flashOf(req, MESSAGES),
    });
  });
  formPost(app, '/partnership/yearly-reports/:year/edit', ({ req, actor, body }) => {
    const year = yearParam(req);
    return {
      view: EDIT,
      schema: narrativeSchema,
      page: async () => ({
        title: 'Write the yearly report',
        report: await draftForEdit(db, actor, year),
        sections: NARRATIVE,
      }),
      change: async () => {
        await saveNarrative(db, actor, year, parseForm(narrativeSchema, body));
        return `/partnership/yearly-reports/${year}?done=saved`;
      },
    };
  });

  app.post('/partnership/yearly-reports/:year/sign-off', async (req, reply) => {
    const year = yearParam(req);
    const { published } = await signOffReport(db, actorOf(req), year);
    return reply.redirect(
      `/partnership/yearly-reports/${year}?done=${published ? 'published' : 'signed'}`,
      303,
    );
  });
};
