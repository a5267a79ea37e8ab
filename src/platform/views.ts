import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { ROLE_LABELS, type Role } from './access/roles.ts';
import type { FieldError } from './errors.ts';
import { formatDate, formatDateTime } from './dates.ts';
import { pagination } from './http/pagination.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SRC_DIR = path.resolve(here, '..');
export const GOVUK_DIR = path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json'));

/**
 * Nunjucks with GOV.UK Frontend. Templates are found in src/views (layout, shared partials), in
 * src/features (each feature's own views, as "<feature>/views/<page>.njk") and in GOV.UK Frontend.
 */
export function createViews(opts: { watch?: boolean } = {}): nunjucks.Environment {
  const env = nunjucks.configure(
    [path.join(SRC_DIR, 'views'), path.join(SRC_DIR, 'features'), path.join(GOVUK_DIR, 'dist')],
    { autoescape: true, throwOnUndefined: false, watch: opts.watch ?? false, noCache: false },
  );
  addGovukMacros(env);
  env.addFilter('date', (v: unknown) => formatDate(v));
  env.addFilter('dateTime', (v: unknown) => formatDateTime(v));
  env.addFilter('roleLabel', (r: string) => ROLE_LABELS[r as Role] ?? r);
  env.addFilter('roleLabels', (rs: string[]) =>
    (rs ?? []).map((r) => ROLE_LABELS[r as Role] ?? r).join(', '),
  );
  /** GOV.UK error summary items from field errors. */
  env.addFilter('errorSummary', (errors: FieldError[] | undefined) =>
    (errors ?? []).map((e) => ({ text: e.message, href: `#${e.field}` })),
  );
  /** The error message of one field, in the shape GOV.UK macros take, or false. */
  env.addFilter('fieldError', (errors: FieldError[] | undefined, field: string) => {
    const e = (errors ?? []).find((x) => x.field === field || x.field.startsWith(`${field}-`));
    return e ? { text: e.message } : false;
  });
  /** GOV.UK pagination for a page of `pages`, each page's address being base + n + suffix. */
  env.addGlobal(
    'paginationFor',
    (page: number, pages: number, base: string, suffix = '', label?: string) => ({
      ...pagination(page, pages, (n) => `${base}${n}${suffix}`),
      landmarkLabel: label,
    }),
  );
  return env;
}

/** The GOV.UK Frontend components every page may use, by folder. */
const GOVUK_COMPONENTS = [
  'back-link',
  'button',
  'checkboxes',
  'date-input',
  'details',
  'error-summary',
  'generic-header',
  'input',
  'inset-text',
  'notification-banner',
  'pagination',
  'panel',
  'password-input',
  'radios',
  'select',
  'service-navigation',
  'summary-list',
  'table',
  'tag',
  'textarea',
  'warning-text',
];

/**
 * Makes the GOV.UK macros globals (govukButton, ...), loaded once. An `{% from ... import %}` in the
 * layout would re-run every macro file on every render, which was a fifth of a record page's time.
 */
function addGovukMacros(env: nunjucks.Environment): void {
  for (const component of GOVUK_COMPONENTS) {
    const name = `govuk${component.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`;
    const template = env.getTemplate(`govuk/components/${component}/macro.njk`, true) as unknown as {
      getExported(cb: (err: Error | null, exported: Record<string, unknown>) => void): void;
    };
    template.getExported((err: Error | null, exported: Record<string, unknown>) => {
      if (err || typeof exported[name] !== 'function') throw err ?? new Error(`no macro ${name}`);
      env.addGlobal(name, exported[name]);
    });
  }
}
