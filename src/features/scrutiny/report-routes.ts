/** Scrutiny reports and the list of reads made for scrutiny: pages. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam, queryOf } from '../../platform/http/forms.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/validation.ts';
import { reportSchema } from './schemas.ts';
import {
  coverableChallenges,
  draftReport,
  draftToEdit,
  listReports,
  publishReport,
  readReport,
  scrutinyReads,
  updateReport,
} from './service.ts';

const MESSAGES: Record<string, string> = {
  drafted: 'Draft report saved. Only you can see it until you publish it.',
  saved: 'Draft report saved.',
  published: 'Report published. It can no longer be changed.',
};

type Form = Record<string, unknown>;

async function formPage(db: Db, actor: Actor, values: Form, report?: { id: string }) {
  const ticked = [values.challengeIds].flat();
  const challenges = await coverableChallenges(db, actor);
  return {
    report,
    challengeItems: challenges.map((c) => ({
      value: c.id,
      text: `Challenge ${c.ref}: ${c.title}`,
      hint: { text: c.state.label },
      checked: ticked.includes(c.id),
    })),
  };
}

function pageNumber(q: Form): number {
  const n = Number(q.page);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

export function registerReportPages(app: FastifyInstance, db: Db): void {
  app.get('/partnership/scrutiny/reports', async (req, reply) => {
    const reports = await listReports(db, actorOf(req));
    return reply.render('scrutiny/views/reports.njk', { reports, flash: flashOf(req, MESSAGES) });
  });

  const FORM = 'scrutiny/views/report-form.njk';
  app.get('/partnership/scrutiny/reports/new', async (req, reply) => {
    return reply.render(FORM, { values: {}, ...(await formPage(db, actorOf(req), {})) });
  });
  formPost(app, '/partnership/scrutiny/reports/new', ({ actor, body }) => ({
    view: FORM,
    schema: reportSchema,
    page: () => formPage(db, actor, body),
    change: async () => {
      const { id } = await draftReport(db, actor, parseForm(reportSchema, body));
      return `/partnership/scrutiny/reports/${id}?done=drafted`;
    },
  }));

  app.get('/partnership/scrutiny/reports/:id', async (req, reply) => {
    const detail = await readReport(db, actorOf(req), idParam(req));
    return reply.render('scrutiny/views/report.njk', { ...detail, flash: flashOf(req, MESSAGES) });
  });

  app.get('/partnership/scrutiny/reports/:id/edit', async (req, reply) => {
    const actor = actorOf(req);
    const report = await draftToEdit(db, actor, idParam(req));
    const values = { title: report.title, findings: report.findings, challengeIds: report.challengeIds };
    return reply.render(FORM, { values, ...(await formPage(db, actor, values, report)) });
  });
  formPost(app, '/partnership/scrutiny/reports/:id/edit', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: FORM,
      schema: reportSchema,
      page: () => formPage(db, actor, body, { id }),
      change: async () => {
        await updateReport(db, actor, id, parseForm(reportSchema, body));
        return `/partnership/scrutiny/reports/${id}?done=saved`;
      },
    };
  });

  formPost(app, '/partnership/scrutiny/reports/:id/publish', ({ req, actor }) => {
    const id = idParam(req);
    return {
      view: 'scrutiny/views/report.njk',
      page: async () => ({ ...(await readReport(db, actor, id)) }),
      change: async () => {
        try {
          await publishReport(db, actor, id);
        } catch (err) {
          if (err instanceof ConflictError)
            throw new ValidationError([{ field: 'publish', message: err.message }]);
          throw err;
        }
        return `/partnership/scrutiny/reports/${id}?done=published`;
      },
    };
  });

  app.get('/partnership/scrutiny/reads', async (req, reply) => {
    const result = await scrutinyReads(db, actorOf(req), pageNumber(queryOf(req)));
    return reply.render('scrutiny/views/reads.njk', result);
  });
}
