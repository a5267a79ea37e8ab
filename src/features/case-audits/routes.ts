import { withDrawing } from '../../platform/charts.ts';
import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam, type Body } from '../../platform/http/forms.ts';
import { parseForm } from '../../platform/validation.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { caseAuditsApi } from './api.ts';
import { actionFormItems } from '../actions/service.ts';
import { answerSchema, auditActionSchema, findingSchema, moderationSchema, planSchema } from './schemas.ts';
import {
  addAuditAction,
  addFinding,
  answerChild,
  auditDetail,
  auditList,
  caseAuditResults,
  childDetail,
  closeAudit,
  moderate,
  planAudit,
  planOptions,
  type AnswerInput,
} from './service.ts';
import { GRADES, QUESTIONS, SAMPLE_METHODS, SAMPLE_STATUSES, THEMES } from './tool.ts';

const BASE = '/partnership/case-audits';

const MESSAGES: Record<string, string> = {
  planned: 'The audit is planned and its sample drawn.',
  answered: 'Your agency’s answers are saved.',
  moderated: 'The moderated grade is saved.',
  finding: 'The finding is added.',
  action: 'The action is added to the partnership’s action log.',
  closed: 'The audit is closed: its auditors can no longer read the sampled children’s records.',
};

const items = (list: readonly { value: string; label: string; hint?: string }[], chosen: unknown) =>
  list.map((c) => ({
    value: c.value,
    text: c.label,
    ...(c.hint && { hint: { text: c.hint } }),
    checked: c.value === chosen,
  }));

/** The planning form's choices, with what was typed kept. */
async function planPage(options: Awaited<ReturnType<typeof planOptions>>, v: Body) {
  const picked = (key: string) => [v[key]].flat();
  return {
    themeItems: items(THEMES, v.theme),
    methodItems: items(SAMPLE_METHODS, v.sampleMethod),
    statusItems: [
      ...SAMPLE_STATUSES.map((s) => ({ value: s.value, text: s.label, selected: s.value === v.status })),
    ],
    teamItems: [
      { value: '', text: 'Any team' },
      ...options.teams.map((t) => ({
        value: t.id,
        text: `${t.name} – ${t.agencyName}`,
        selected: t.id === v.teamId,
      })),
    ],
    agencyItems: options.agencies.map((a) => ({
      value: a.id,
      text: a.name,
      checked: picked('agencyIds').includes(a.id),
    })),
    auditorItems: options.auditors.map((u) => ({
      value: u.id,
      text: `${u.name} – ${u.agencyName}`,
      checked: picked('auditorIds').includes(u.id),
    })),
  };
}

/** The answer form's radios, one group per question, with what was typed (or saved) kept. */
function answerItems(v: Record<string, unknown>) {
  return {
    questions: QUESTIONS.map((q) => ({ ...q, gradeItems: items(GRADES, v[`${q.key}Grade`]) })),
    overallItems: items(GRADES, v.overallGrade),
    moderationItems: items(GRADES, v.grade),
  };
}

/** Saved answers as form values. */
function savedValues(
  own: { answers: Record<string, { grade: string; comment: string }>; overallGrade: string } | undefined,
) {
  if (!own) return {};
  const v: Record<string, string> = { overallGrade: own.overallGrade };
  for (const q of QUESTIONS) {
    v[`${q.key}Grade`] = own.answers[q.key]?.grade ?? '';
    v[`${q.key}Comment`] = own.answers[q.key]?.comment ?? '';
  }
  return v;
}

export const caseAuditsFeature: Feature = async (app, { db }) => {
  app.get(BASE, async (req, reply) => {
    const actor = actorOf(req);
    const audits = await auditList(db, actor);
    return reply.render('case-audits/views/list.njk', {
      audits,
      mayPlan: can(actor.roles, 'partnership.manage'),
      flash: flashOf(req, MESSAGES),
    });
  });

  app.get(`${BASE}/new`, async (req, reply) => {
    const options = await planOptions(db, actorOf(req));
    const values = { sampleMethod: 'criteria', status: 'any', sampleSize: '10' };
    return reply.render('case-audits/views/new.njk', { values, ...(await planPage(options, values)) });
  });

  formPost(app, `${BASE}/new`, ({ actor, body }) => ({
    view: 'case-audits/views/new.njk',
    schema: planSchema,
    page: async () => planPage(await planOptions(db, actor), body),
    change: async () => {
      const id = await planAudit(db, actor, parseForm(planSchema, body));
      return `${BASE}/${id}?done=planned`;
    },
  }));

  app.get(`${BASE}/results`, async (req, reply) => {
    const results = await caseAuditResults(db, actorOf(req));
    return reply.render('case-audits/views/results.njk', {
      ...results,
      chart: results.chart && (await withDrawing(results.chart)),
    });
  });

  const auditView = async (actor: ReturnType<typeof actorOf>, id: string, values: Body = {}) => {
    const detail = await auditDetail(db, actor, id);
    const actionItems = detail.mayManage ? await actionFormItems(db, actor, values) : undefined;
    return { ...detail, actionItems };
  };

  app.get(`${BASE}/:id`, async (req, reply) => {
    const detail = await auditView(actorOf(req), idParam(req));
    return reply.render('case-audits/views/audit.njk', { ...detail, flash: flashOf(req, MESSAGES) });
  });

  formPost(app, `${BASE}/:id/findings`, ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: 'case-audits/views/audit.njk',
      schema: findingSchema,
      page: () => auditView(actor, id),
      change: async () => {
        // Who may come before what they sent: a refused user learns nothing from a 400.
        requirePermission(actor, 'partnership.manage');
        await addFinding(db, actor, id, parseForm(findingSchema, body));
        return `${BASE}/${id}?done=finding#findings`;
      },
    };
  });

  formPost(app, `${BASE}/:id/actions`, ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: 'case-audits/views/audit.njk',
      schema: auditActionSchema,
      page: () => auditView(actor, id, body),
      change: async () => {
        requirePermission(actor, 'partnership.manage');
        await addAuditAction(db, actor, id, parseForm(auditActionSchema, body));
        return `${BASE}/${id}?done=action#actions`;
      },
    };
  });

  formPost(app, `${BASE}/:id/close`, ({ req, actor }) => {
    const id = idParam(req);
    return {
      view: 'case-audits/views/audit.njk',
      page: () => auditView(actor, id),
      change: async () => {
        await closeAudit(db, actor, id);
        return `${BASE}/${id}?done=closed`;
      },
    };
  });

  const childView = async (actor: ReturnType<typeof actorOf>, id: string, ref: string) =>
    childDetail(db, actor, id, ref);

  app.get(`${BASE}/:id/children/:childRef`, async (req, reply) => {
    const detail = await childView(actorOf(req), idParam(req), idParam(req, 'childRef'));
    const values = savedValues(detail.own);
    return reply.render('case-audits/views/child.njk', {
      ...detail,
      values,
      ...answerItems(values),
      flash: flashOf(req, MESSAGES),
    });
  });

  formPost(app, `${BASE}/:id/children/:childRef/answers`, ({ req, actor, body }) => {
    const id = idParam(req);
    const ref = idParam(req, 'childRef');
    return {
      view: 'case-audits/views/child.njk',
      schema: answerSchema,
      page: async () => ({ ...(await childView(actor, id, ref)), ...answerItems(body) }),
      change: async () => {
        requirePermission(actor, 'case_audit.answer');
        const input = parseForm(answerSchema, { ...body, childRef: ref }) as AnswerInput;
        await answerChild(db, actor, id, input);
        return `${BASE}/${id}/children/${ref}?done=answered`;
      },
    };
  });

  formPost(app, `${BASE}/:id/children/:childRef/moderation`, ({ req, actor, body }) => {
    const id = idParam(req);
    const ref = idParam(req, 'childRef');
    return {
      view: 'case-audits/views/child.njk',
      schema: moderationSchema,
      page: async () => ({ ...(await childView(actor, id, ref)), ...answerItems(body) }),
      change: async () => {
        requirePermission(actor, 'partnership.manage');
        await moderate(db, actor, id, ref, parseForm(moderationSchema, body));
        return `${BASE}/${id}/children/${ref}?done=moderated`;
      },
    };
  });

  caseAuditsApi(app);
};
