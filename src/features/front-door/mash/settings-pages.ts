/** The front door's local settings for administrators: the MASH's phone number, the request deadlines. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { flashOf, formPost } from '../../../platform/http/forms.ts';
import { parseForm } from '../../../platform/validation.ts';
import { mashPhoneSchema } from '../schemas.ts';
import { frontDoorSettings, setMashPhone } from '../service.ts';

const VIEW = 'front-door/views/settings.njk';
const TITLE = 'Front door settings';
const MESSAGES = { saved: 'Settings saved' };

export async function settingsPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/admin/front-door', async (req, reply) => {
    const settings = await frontDoorSettings(db, actorOf(req));
    return reply.render(VIEW, {
      title: TITLE,
      ...settings,
      values: { mashPhone: settings.mashPhone },
      flash: flashOf(req, MESSAGES),
    });
  });

  formPost(app, '/admin/front-door', ({ actor, body }) => ({
    view: VIEW,
    schema: mashPhoneSchema,
    page: async () => ({ title: TITLE, ...(await frontDoorSettings(db, actor)) }),
    change: async () => {
      await setMashPhone(db, actor, parseForm(mashPhoneSchema, body));
      return '/admin/front-door?done=saved';
    },
  }));
}
