import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { ROLE_LABELS, ROLES } from '../../platform/access/roles.ts';
import { ValidationError } from '../../platform/errors.ts';
import { bodyOf, flashOf, formPost, idParam, queryOf, submitForm } from '../../platform/http/forms.ts';
import { parseForm, type Body } from '../../platform/validation.ts';
import { DONE } from './messages.ts';
import type { UserRow } from './repository/index.ts';
import { editUserSchema, newUserSchema, passwordSchema, tokenSchema, userFilterSchema } from './schemas.ts';
import * as roles from './roles.ts';
import * as svc from './user-service.ts';

const asList = (v: unknown): string[] => (v === undefined ? [] : [v].flat().map(String));

function userValues(u: UserRow): Body {
  return {
    name: u.name,
    email: u.email,
    agencyId: u.agencyId,
    teamId: u.teamId ?? '',
    roles: u.roles,
    active: u.active ? 'yes' : 'no',
    version: String(u.version),
  };
}

export function userRoutes(app: FastifyInstance, { db }: Deps) {
  /** What the user form needs: choices with the current values selected. */
  async function userForm(actor: ReturnType<typeof actorOf>, values: Body, user?: UserRow) {
    const { agencies, teams } = await svc.userFormChoices(db, actor);
    const chosen = asList(values.roles);
    return {
      title: user ? `Change ${user.name}` : 'Add a user',
      user,
      values,
      agencyItems: [
        { value: '', text: 'Choose an agency' },
        ...agencies
          .filter((a) => a.active || a.id === values.agencyId)
          .map((a) => ({ value: a.id, text: a.name, selected: a.id === values.agencyId })),
      ],
      teamItems: [
        { value: '', text: 'No team' },
        ...teams
          .filter((t) => t.active || t.id === values.teamId)
          .map((t) => ({
            value: t.id,
            text: `${t.name} (${t.agencyName})`,
            selected: t.id === values.teamId,
          })),
      ],
      roleItems: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: chosen.includes(r) })),
    };
  }

  app.get('/admin/users', async (req, reply) => {
    const filter = userFilterSchema.parse(queryOf(req));
    const { users, total, agencies } = await svc.users(db, actorOf(req), filter);
    const pages = Math.max(1, Math.ceil(total / svc.USERS_PAGE_SIZE));
    const link = (page: number) => {
      const q = new URLSearchParams();
      if (filter.agency) q.set('agency', filter.agency);
      if (filter.role) q.set('role', filter.role);
      if (filter.q) q.set('q', filter.q);
      q.set('page', String(page));
      return `/admin/users?${q.toString()}`;
    };
    return reply.render('admin/views/users.njk', {
      title: 'Users',
      users,
      total,
      filter,
      flash: flashOf(req, DONE),
      agencyItems: [
        { value: '', text: 'All agencies' },
        ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === filter.agency })),
      ],
      roleItems: [
        { value: '', text: 'All roles' },
        ...ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], selected: r === filter.role })),
      ],
      pagination: {
        previous: filter.page > 1 ? { href: link(filter.page - 1) } : undefined,
        next: filter.page < pages ? { href: link(filter.page + 1) } : undefined,
      },
      page: filter.page,
      pages,
    });
  });

  app.get('/admin/users/new', async (req, reply) => {
    return reply.render('admin/views/user-form.njk', await userForm(actorOf(req), {}));
  });

  formPost(app, '/admin/users/new', ({ actor, body }) => ({
    view: 'admin/views/user-form.njk',
    // A password typed is never sent back to the browser.
    body: { ...body, password: undefined },
    page: () => userForm(actor, { ...body, password: undefined }),
    change: async () => {
      const { id, waiting } = await svc.createUser(db, actor, parseForm(newUserSchema, body));
      return `/admin/users/${id}?done=${waiting.length ? 'user-created-waiting' : 'user-created'}`;
    },
  }));

  app.get('/admin/users/:userId', async (req, reply) => {
    const actor = actorOf(req);
    const user = await svc.user(db, actor, idParam(req, 'userId'));
    return reply.render('admin/views/user.njk', {
      title: user.name,
      user,
      pending: await roles.pendingFor(db, actor, user.id),
      canUseApi: svc.canUseApi(user.roles),
      isSelf: user.id === actor.userId,
      flash: flashOf(req, DONE),
    });
  });

  app.get('/admin/users/:userId/edit', async (req, reply) => {
    const actor = actorOf(req);
    const user = await svc.user(db, actor, idParam(req, 'userId'));
    return reply.render('admin/views/user-form.njk', await userForm(actor, userValues(user), user));
  });

  formPost(app, '/admin/users/:userId/edit', async ({ req, actor, body }) => {
    const user = await svc.user(db, actor, idParam(req, 'userId'));
    return {
      view: 'admin/views/user-form.njk',
      page: () => userForm(actor, body, user),
      change: async () => {
        const { waiting } = await svc.updateUser(db, actor, user.id, parseForm(editUserSchema, body));
        return `/admin/users/${user.id}?done=${waiting.length ? 'user-updated-waiting' : 'user-updated'}`;
      },
    };
  });

  app.post('/admin/users/:userId/unlock', async (req, reply) => {
    const id = idParam(req, 'userId');
    await svc.unlockUser(db, actorOf(req), id);
    return reply.redirect(`/admin/users/${id}?done=user-unlocked`, 303);
  });

  app.post('/admin/users/:userId/reset-two-factor', async (req, reply) => {
    const id = idParam(req, 'userId');
    await svc.resetTwoFactor(db, actorOf(req), id);
    return reply.redirect(`/admin/users/${id}?done=two-factor-reset`, 303);
  });

  app.get('/admin/users/:userId/password', async (req, reply) => {
    const user = await svc.user(db, actorOf(req), idParam(req, 'userId'));
    return reply.render('admin/views/password.njk', { title: `Set a new password for ${user.name}`, user });
  });

  app.post('/admin/users/:userId/password', async (req, reply) => {
    const actor = actorOf(req);
    const user = await svc.user(db, actor, idParam(req, 'userId'));
    return submitForm(reply, {
      view: 'admin/views/password.njk',
      body: {},
      page: () => ({ title: `Set a new password for ${user.name}`, user }),
      change: async () => {
        await svc.setPassword(db, actor, user.id, parseForm(passwordSchema, bodyOf(req)).password);
        return `/admin/users/${user.id}?done=password-set`;
      },
    });
  });

  const tokensPage = async (actor: ReturnType<typeof actorOf>, userId: string, extra: Body = {}) => {
    const { user, tokens } = await svc.tokens(db, actor, userId);
    return {
      title: `API tokens for ${user.name}`,
      user,
      tokens,
      canUseApi: svc.canUseApi(user.roles),
      ...extra,
    };
  };

  app.get('/admin/users/:userId/tokens', async (req, reply) => {
    const page = await tokensPage(actorOf(req), idParam(req, 'userId'), { flash: flashOf(req, DONE) });
    return reply.render('admin/views/tokens.njk', page);
  });

  // The new token is shown in the answer to the post, not after a redirect: it must never be
  // stored anywhere in the clear, not even for one page view.
  app.post('/admin/users/:userId/tokens', async (req, reply) => {
    const actor = actorOf(req);
    const userId = idParam(req, 'userId');
    const body = bodyOf(req);
    try {
      const { name } = parseForm(tokenSchema, body);
      const token = await svc.issueToken(db, actor, userId, name);
      const page = await tokensPage(actor, userId, { token, tokenName: name });
      return reply.render('admin/views/token-issued.njk', { ...page, title: 'API token issued' });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const page = await tokensPage(actor, userId, { values: body, errors: err.errors });
      return reply.status(400).render('admin/views/tokens.njk', page);
    }
  });

  // Revoking stops a partner system at once and cannot be undone: a page asks first.
  app.get('/admin/users/:userId/tokens/:tokenId/revoke', async (req, reply) => {
    const { user, token } = await svc.tokenToRevoke(
      db,
      actorOf(req),
      idParam(req, 'userId'),
      idParam(req, 'tokenId'),
    );
    return reply.render('admin/views/token-revoke.njk', {
      title: `Revoke the token ${token.name}`,
      user,
      token,
    });
  });

  app.post('/admin/users/:userId/tokens/:tokenId/revoke', async (req, reply) => {
    const userId = idParam(req, 'userId');
    await svc.revokeToken(db, actorOf(req), userId, idParam(req, 'tokenId'));
    return reply.redirect(`/admin/users/${userId}/tokens?done=token-revoked`, 303);
  });
}

/** Role changes waiting for a second administrator: the list, and each one's decision. */
export function roleChangeRoutes(app: FastifyInstance, { db }: Deps) {
  app.get('/admin/role-changes', async (req, reply) => {
    const actor = actorOf(req);
    return reply.render('admin/views/role-changes.njk', {
      title: 'Roles waiting for approval',
      changes: await roles.pendingRoleChanges(db, actor),
      flash: flashOf(req, DONE),
    });
  });

  for (const decision of ['approve', 'refuse'] as const) {
    app.post(`/admin/role-changes/:changeId/${decision}`, async (req, reply) => {
      await roles.decideRoleChange(db, actorOf(req), idParam(req, 'changeId'), decision);
      return reply.redirect(
        `/admin/role-changes?done=roles-${decision === 'approve' ? 'approved' : 'refused'}`,
        303,
      );
    });
  }
}
