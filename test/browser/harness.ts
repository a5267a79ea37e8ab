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
 * violation, with no rule exempted; saves a screenshot.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
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
}
