import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam } from '../../platform/http/forms.ts';
import { parseForm } from '../../platform/validation.ts';
import {
  arrangementsOverview,
  draftForEdit,
  draftSchema,
  editDraft,
  signOff,
  startVersion,
  versionPage,
} from './arrangements.ts';

const MESSAGES: Record<string, string> = {
  started: 'A new version is started from the latest text',
  saved: 'The draft is saved',
  signed: 'You signed off this version for your agency',
  published: 'All three partners have signed: this version is published',
};

export function arrangementsRoutes(app: FastifyInstance, db: Db): void {
  app.get('/partnership/arrangements', async (req, reply) => {
    const data = await arrangementsOverview(db, actorOf(req));
    return reply.render('partnership/views/arrangements.njk', {
      title: 'Arrangements',
      ...data,
      flash: flashOf(req, MESSAGES),
    });
  });

  app.post('/partnership/arrangements/new', async (req, reply) => {
    const { id } = await startVersion(db, actorOf(req));
    return reply.redirect(`/partnership/arrangements/${id}?done=started`, 303);
  });

  app.get('/partnership/arrangements/:id', async (req, reply) => {
    const data = await versionPage(db, actorOf(req), idParam(req));
    return reply.render('partnership/views/arrangements-version.njk', {
      title: `Arrangements, version ${data.version.version}`,
      ...data,
      flash: flashOf(req, MESSAGES),
    });
  });

  const EDIT = 'partnership/views/arrangements-edit.njk';
  app.get('/partnership/arrangements/:id/edit', async (req, reply) => {
    const v = await draftForEdit(db, actorOf(req), idParam(req));
    return reply.render(EDIT, {
      title: 'Change the draft',
      version: v,
      values: { title: v.title, body: v.body },
    });
  });
  formPost(app, '/partnership/arrangements/:id/edit', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: EDIT,
      schema: draftSchema,
      page: async () => ({ title: 'Change the draft', version: await draftForEdit(db, actor, id) }),
      change: async () => {
        requirePermission(actor, 'partnership.manage');
        await editDraft(db, actor, id, parseForm(draftSchema, body));
        return `/partnership/arrangements/${id}?done=saved`;
      },
    };
  });

  app.post('/partnership/arrangements/:id/sign-off', async (req, reply) => {
    const id = idParam(req);
    const { published } = await signOff(db, actorOf(req), id);
    return reply.redirect(`/partnership/arrangements/${id}?done=${published ? 'published' : 'signed'}`, 303);
  });
}
