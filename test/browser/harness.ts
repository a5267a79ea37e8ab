import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/organisation.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { freshDb } from '../helpers/db.ts';

export const CHROMIUM = '/usr/bin/chromium';
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOTS = path.resolve('test-results/screenshots');

export interface Site {
  app: FastifyInstance;
  db: Db;
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The real app on a real port with a small demo partnership, and a headless Chromium. */
export async function startSite(children = 60): Promise<Site> {
  const db = await freshDb();
  await seedDemo(db, { production: false, children });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = await buildApp({ db, config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  return {
    app,
    db,
    url: `http://127.0.0.1:${port}`,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

/** A new browser context (its own cookies), signed in as a demo user. */
export async function signInAs(site: Site, key: string): Promise<Page> {
  const user = DEMO_USERS.find((u) => u.key === key);
  assert.ok(user, key);
  // axe is injected as an inline script, which the app's CSP rightly forbids.
  const context = await site.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${site.url}/sign-in`);
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${site.url}/`);
  return page;
}

/**
 * Waits until the page's own scripts have run, as in a user's browser: the page has loaded, GOV.UK
 * Frontend is supported, and every component on the page (`data-module`) has been initialised.
 */
export async function scriptsHaveRun(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(
    () =>
      document.body.classList.contains('govuk-frontend-supported') &&
      Array.from(document.querySelectorAll<HTMLElement>('[data-module]')).every((el) =>
        el.hasAttribute(`data-${el.dataset.module}-init`),
      ),
  );
}

/**
 * Runs axe-core (WCAG 2.2 A and AA) on the page after its scripts have run and fails on any
 * violation, with no rule exempted; saves a screenshot; then follows every link and GET form on the
 * page and fails on any its user may not open (`seen`: the addresses already followed as that user).
 */
export async function checkPage(page: Page, name: string, seen?: Set<string>): Promise<void> {
  await scriptsHaveRun(page);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Text in a font still loading is invisible: wait, so the screenshot shows what a person sees.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: { id: string; help: string; nodes: { target: string[]; html: string }[] }[];
          }>;
        };
      }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  });
  const problems = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
  );
  assert.deepEqual(problems, [], `accessibility violations on ${name}`);
  await checkLinks(page, seen);
}

/** Statuses a link must never end in: refused (403), a conflict page (409), or a server error. */
const DEAD = (status: number) => status === 403 || status === 409 || status >= 500;

/**
 * Follows every same-origin link (`a[href]`) and every GET form's action on the page, with the
 * page's session, and fails when any ends in 403, 409 or a server error: a page offers only what
 * its user may open. `seen` (one per user) keeps each address from being asked twice.
 */
export async function checkLinks(page: Page, seen: Set<string> = new Set()): Promise<void> {
  const dead = await deadLinks(page, seen);
  assert.deepEqual(dead, [], `links on ${new URL(page.url()).pathname} that the user may not open`);
}

/** The links and GET forms of the page that end in 403, 409 or a server error, each with its page. */
export async function deadLinks(page: Page, seen: Set<string> = new Set()): Promise<string[]> {
  const from = page.url();
  const targets = await page.evaluate(() => {
    const out: string[] = [];
    for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))) out.push(a.href);
    for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form'))) {
      if (form.method.toLowerCase() !== 'get') continue;
      const url = new URL(form.action);
      const data = new FormData(form);
      for (const [k, v] of data.entries()) if (typeof v === 'string') url.searchParams.append(k, v);
      out.push(url.href);
    }
    return out;
  });
  const origin = new URL(from).origin;
  const dead: string[] = [];
  for (const target of targets) {
    const url = new URL(target);
    url.hash = '';
    if (url.origin !== origin || url.pathname === '/sign-out' || url.href === from.split('#')[0]) continue;
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    const res = await page.request.get(url.href, { maxRedirects: 5 });
    if (DEAD(res.status()))
      dead.push(`${res.status()} ${url.pathname}${url.search} (on ${new URL(from).pathname})`);
  }
  return dead;
}
