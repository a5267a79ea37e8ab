import type { FastifyReply } from 'fastify';
import type { Feature } from '../../platform/deps.ts';
import { formPost, idParam } from '../../platform/http/forms.ts';
import { parseForm } from '../../platform/validation.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { apiRoute } from '../../platform/http/api.ts';
import { londonToday } from '../../platform/dates.ts';
import { CATEGORIES, SIGNIFICANCES, VISIBILITIES } from './categories.ts';
import { chronologyCsv, chronologyPdf, exportFilename } from './export.ts';
import { entrySchema, filterQuerySchema, filtersFromQuery } from './schemas.ts';
import {
  addEntry,
  exportTimeline,
  personForNewEntry,
  readTimeline,
  requireChronologyAdd,
} from './service.ts';

type Form = Record<string, unknown>;

/** The select and radio items of the add-entry form, with what was typed kept. */
function formItems(values: Form) {
  return {
    categoryItems: [
      { value: '', text: 'Choose a category' },
      ...CATEGORIES.map((c) => ({ value: c.value, text: c.label, selected: c.value === values.category })),
    ],
    sigItems: SIGNIFICANCES.map((s) => ({
      value: s.value,
      text: s.label,
      checked: s.value === values.significance,
    })),
    visItems: VISIBILITIES.map((o) => ({
      value: o.value,
      text: o.label,
      hint: { text: o.hint },
      checked: o.value === values.visibility,
    })),
  };
}

function download(reply: FastifyReply, type: string, filename: string, body: string | Buffer) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

export const chronologyFeature: Feature = async (app, { db }) => {
  const V = 'chronology/views/new-entry.njk';

  app.get('/people/:id/chronology/new', async (req, reply) => {
    const person = await personForNewEntry(db, actorOf(req), idParam(req));
    const values = { visibility: 'partnership' };
    return reply.render(V, { person, values, ...formItems(values) });
  });

  formPost(app, '/people/:id/chronology/new', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: V,
      schema: entrySchema,
      page: async () => ({ person: await personForNewEntry(db, actor, id), ...formItems(body) }),
      change: async () => {
        // Who may add comes before what they sent: a refused user learns nothing from a 400.
        await requireChronologyAdd(db, actor, id);
        await addEntry(db, actor, id, parseForm(entrySchema, body));
        return `/people/${id}?added=1#chronology`;
      },
    };
  });

  app.get('/people/:id/chronology.csv', async (req, reply) => {
    const id = idParam(req);
    const data = await exportTimeline(db, actorOf(req), id, filtersFromQuery(req.query), 'csv');
    return download(
      reply,
      'text/csv; charset=utf-8',
      exportFilename(id, londonToday(), 'csv'),
      chronologyCsv(data),
    );
  });

  app.get(
    '/people/:id/chronology.pdf',
    // A long chronology takes a second or two of CPU to lay out.
    // Counted per user after sign-in is checked, so colleagues behind one address do not share it.
    {
      config: {
        rateLimit: {
          max: 20,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) => req.actor?.userId ?? req.ip,
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = idParam(req);
      const data = await exportTimeline(db, actor, id, filtersFromQuery(req.query), 'pdf');
      const pdf = await chronologyPdf(data, actor);
      return download(reply, 'application/pdf', exportFilename(id, londonToday(), 'pdf'), pdf);
    },
  );

  {
    const api = app;

    apiRoute(api, {
      method: 'GET',
      url: '/api/v1/people/:id/chronology',
      summary: "A child's chronology: the entries you may see, newest first",
      tag: 'Chronology',
      query: filterQuerySchema,
      handler: async ({ db, actor, params, query }) =>
        readTimeline(db, actor, idParam({ params }), {
          agencyId: query.agency,
          category: query.category,
          significance: query.significance,
        }).then(({ entries, agencies, total, filters }) => ({ entries, agencies, total, filters })),
    });

    apiRoute(api, {
      method: 'POST',
      url: '/api/v1/people/:id/chronology',
      summary: "Adds an entry to a child's chronology, as your agency",
      tag: 'Chronology',
      body: entrySchema,
      responses: { 201: 'The entry, as recorded' },
      handler: async ({ db, actor, params, body, reply }) => {
        const entry = await addEntry(db, actor, idParam({ params }), body);
        reply.status(201);
        return entry;
      },
    });
  }
};
