import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam } from '../../platform/http/forms.ts';
import { parseForm } from '../../platform/validation.ts';
import { DONE } from './messages.ts';
import { AGENCY_KIND_LABELS, AGENCY_KINDS, agencySchema, teamSchema } from './schemas.ts';
import * as svc from './service.ts';
import { roleChangeRoutes, userRoutes } from './user-routes.ts';

const kindItems = AGENCY_KINDS.map((k) => ({ value: k, text: AGENCY_KIND_LABELS[k] }));

/**
 * Administration of the organisation for the system administrator: agencies, teams, users and API
 * tokens. No child data is shown here.
 */
export const adminFeature: Feature = async (app, deps) => {
  const { db } = deps;
  await app.register(async (admin) => {
    // Defence in depth: the services check the permission too, before reading anything.
    admin.addHook('preHandler', async (req) => svc.requireAdmin(actorOf(req)));

    admin.get('/admin', async (req, reply) => {
      const counts = await svc.overview(db, actorOf(req));
      return reply.render('admin/views/index.njk', { title: 'Administration', counts });
    });

    admin.get('/admin/agencies', async (req, reply) => {
      const agencies = await svc.agencies(db, actorOf(req));
      return reply.render('admin/views/agencies.njk', {
        title: 'Agencies',
        agencies,
        kindLabels: AGENCY_KIND_LABELS,
        flash: flashOf(req, DONE),
      });
    });

    const agencyForm = (values: Record<string, unknown>, agency?: { id: string; name: string }) => ({
      title: agency ? `Change ${agency.name}` : 'Add an agency',
      agency,
      values,
      kindItems,
    });

    admin.get('/admin/agencies/new', async (req, reply) => {
      svc.requireAdmin(actorOf(req));
      return reply.render('admin/views/agency-form.njk', agencyForm({ active: 'yes' }));
    });

    formPost(admin, '/admin/agencies/new', ({ actor, body }) => ({
      view: 'admin/views/agency-form.njk',
      page: () => agencyForm(body),
      change: async () => {
        const id = await svc.createAgency(db, actor, parseForm(agencySchema, body));
        return `/admin/agencies/${id}?done=agency-created`;
      },
    }));

    admin.get('/admin/agencies/:agencyId', async (req, reply) => {
      const { agency, teams } = await svc.agencyWithTeams(db, actorOf(req), idParam(req, 'agencyId'));
      return reply.render('admin/views/agency.njk', {
        title: agency.name,
        agency,
        teams,
        kindLabel: AGENCY_KIND_LABELS[agency.kind] ?? agency.kind,
        flash: flashOf(req, DONE),
      });
    });

    admin.get('/admin/agencies/:agencyId/edit', async (req, reply) => {
      const { agency } = await svc.agencyWithTeams(db, actorOf(req), idParam(req, 'agencyId'));
      const values = {
        name: agency.name,
        kind: agency.kind,
        partnerType: agency.statutoryPartner ? 'statutory' : 'relevant',
        active: agency.active ? 'yes' : 'no',
      };
      return reply.render('admin/views/agency-form.njk', agencyForm(values, agency));
    });

    formPost(admin, '/admin/agencies/:agencyId/edit', async ({ req, actor, body }) => {
      const { agency } = await svc.agencyWithTeams(db, actor, idParam(req, 'agencyId'));
      return {
        view: 'admin/views/agency-form.njk',
        page: () => agencyForm(body, agency),
        change: async () => {
          await svc.updateAgency(db, actor, agency.id, parseForm(agencySchema, body));
          return `/admin/agencies/${agency.id}?done=agency-updated`;
        },
      };
    });

    const teamForm = (
      agency: { id: string; name: string },
      values: Record<string, unknown>,
      team?: { id: string; name: string },
    ) => ({
      title: team ? `Change ${team.name}` : `Add a team to ${agency.name}`,
      agency,
      team,
      values,
    });

    admin.get('/admin/agencies/:agencyId/teams/new', async (req, reply) => {
      const { agency } = await svc.agencyWithTeams(db, actorOf(req), idParam(req, 'agencyId'));
      return reply.render('admin/views/team-form.njk', teamForm(agency, { active: 'yes' }));
    });

    formPost(admin, '/admin/agencies/:agencyId/teams/new', async ({ req, actor, body }) => {
      const { agency } = await svc.agencyWithTeams(db, actor, idParam(req, 'agencyId'));
      return {
        view: 'admin/views/team-form.njk',
        page: () => teamForm(agency, body),
        change: async () => {
          await svc.createTeam(db, actor, agency.id, parseForm(teamSchema, body));
          return `/admin/agencies/${agency.id}?done=team-created`;
        },
      };
    });

    admin.get('/admin/agencies/:agencyId/teams/:teamId/edit', async (req, reply) => {
      const actor = actorOf(req);
      const team = await svc.team(db, actor, idParam(req, 'agencyId'), idParam(req, 'teamId'));
      const agency = { id: team.agencyId, name: team.agencyName };
      const values = {
        name: team.name,
        isMash: team.isMash ? 'yes' : '',
        active: team.active ? 'yes' : 'no',
      };
      return reply.render('admin/views/team-form.njk', teamForm(agency, values, team));
    });

    formPost(admin, '/admin/agencies/:agencyId/teams/:teamId/edit', async ({ req, actor, body }) => {
      const team = await svc.team(db, actor, idParam(req, 'agencyId'), idParam(req, 'teamId'));
      const agency = { id: team.agencyId, name: team.agencyName };
      return {
        view: 'admin/views/team-form.njk',
        page: () => teamForm(agency, body, team),
        change: async () => {
          await svc.updateTeam(db, actor, agency.id, team.id, parseForm(teamSchema, body));
          return `/admin/agencies/${agency.id}?done=team-updated`;
        },
      };
    });

    userRoutes(admin, deps);
    roleChangeRoutes(admin, deps);
  });
};
