/** Publication pages: the decision and the anonymised report, sign-off, publishing, the public page. */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { formPost, idParam } from '../../platform/http/forms.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/validation.ts';
import {
  publicationPage,
  publicationSchema,
  publishedReports,
  publishReview,
  savePublication,
  signOffDecision,
} from './service.ts';

const V = 'reviews/views';

export function registerPublicationPages(app: FastifyInstance, db: Db): void {
  const page = async (actor: Actor, id: string) => {
    const p = await publicationPage(db, actor, id);
    const r = p.review;
    return {
      title: 'Publication',
      ...p,
      // What the form shows when nothing was typed: the decision as recorded.
      form: {
        publish: r.publish === null ? undefined : r.publish ? 'yes' : 'no',
        publishReasons: r.publishReasons ?? '',
        ...(r.publicationOn && { publicationOn: r.publicationOn }),
        professionals: p.professionals,
        publishedText: p.textToPublish,
        briefing: r.briefing ?? '',
      },
    };
  };
  app.get('/partnership/reviews/:id/publication', async (req, reply) =>
    reply.render(`${V}/publication.njk`, await page(actorOf(req), idParam(req))),
  );
  formPost(app, '/partnership/reviews/:id/publication', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: `${V}/publication.njk`,
      schema: publicationSchema,
      page: () => page(actor, id),
      change: async () => {
        await savePublication(db, actor, id, parseForm(publicationSchema, body));
        return `/partnership/reviews/${id}?done=publication`;
      },
    };
  });
  formPost(app, '/partnership/reviews/:id/publish', ({ req, actor }) => {
    const id = idParam(req);
    return {
      view: `${V}/publication.njk`,
      schema: z.object({}),
      page: () => page(actor, id),
      change: async () => {
        await publishReview(db, actor, id);
        return `/partnership/reviews/${id}?done=published`;
      },
    };
  });
  app.post('/partnership/reviews/:id/sign-off', async (req, reply) => {
    const id = idParam(req);
    await signOffDecision(db, actorOf(req), id);
    return reply.redirect(`/partnership/reviews/${id}?done=signed`, 303);
  });

  // The public page: no sign-in, only published and anonymised reports.
  app.get('/published-reviews', { config: { public: true } }, async (_req, reply) =>
    reply.render(`${V}/published.njk`, {
      title: 'Published child safeguarding practice reviews',
      reports: await publishedReports(db),
    }),
  );
  app.get('/published-reviews/:id', { config: { public: true } }, async (req, reply) => {
    const id = idParam(req);
    const report = (await publishedReports(db)).find((r) => r.id === id);
    if (!report) throw new NotFoundError();
    return reply.render(`${V}/published-report.njk`, {
      title: `Practice review ${report.reference}`,
      report,
    });
  });
}
