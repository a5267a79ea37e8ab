/** The MASH dashboard page: a period of receipt from the query string, the counts for it. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { ValidationError, type FieldError } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { queryOf } from '../../../platform/http/forms.ts';
import { parse } from '../../../platform/validation.ts';
import { periodSchema, type PeriodInput } from '../schemas.ts';
import { mashDashboard, percent } from '../service.ts';

export async function dashboardPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/mash/dashboard', async (req, reply) => {
    const q = queryOf(req);
    // A period that is not one shows the default period, with what was wrong with it.
    let period: PeriodInput = {};
    let errors: FieldError[] = [];
    try {
      period = parse(periodSchema, { from: q.from, to: q.to });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors = err.errors;
    }
    const data = await mashDashboard(db, actorOf(req), period);
    return reply.status(errors.length ? 400 : 200).render('front-door/views/dashboard.njk', {
      title: 'MASH dashboard',
      d: data,
      percent,
      errors,
    });
  });
}
