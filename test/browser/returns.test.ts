// Issue 15's returns in a real browser, as the business manager meets them: from the navigation to
// the CIN census for the census year running now (the demo county's has no errors: it exports
// straight away), then Ofsted's Annex A for that year so far, refused without a period and downloaded with one, a
// workbook with a sheet for each list. Every page is checked with axe and its links followed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { londonToday } from '../../src/platform/dates.ts';
import { fillDate } from './forms.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
const today = londonToday();
const lastYear = Number(today.slice(0, 4)) - (today.slice(5) >= '04-01' ? 1 : 2);

before(async () => {
  site = await startSite(40);
});
after(() => site?.close());

test('the business manager checks and exports the CIN census, then downloads Annex A', async () => {
  const page = await signInAs(site, 'bm');
  await page.getByRole('link', { name: 'Returns' }).first().click();
  await page.waitForURL(/\/returns$/);
  await checkPage(page, 'returns');
  // The census year running now (a small demo's children in need are recent).
  const year = lastYear + 1;
  await page.getByLabel('Census year').selectOption(String(year));
  await page.getByRole('button', { name: 'Check the census' }).click();
  await page.waitForURL(/\/returns\/cin-census\?year=/);
  await checkPage(page, 'returns-cin-census');
  assert.equal(await page.locator('#error-count').textContent(), '0');
  assert.ok(
    Number(await page.locator('#children').textContent()) > 0,
    'the demo county has children in need',
  );

  const [census] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the census (XML)' }).click(),
  ]);
  const xml = fs.readFileSync((await census.path())!, 'utf8');
  assert.match(xml, new RegExp(`<Year>${year + 1}</Year>`));
  assert.match(xml, /<LAchildID>EL\d+<\/LAchildID>/);

  await page.goto(`${site.url}/returns/annex-a`);
  await checkPage(page, 'returns-annex-a');
  await page.getByRole('button', { name: 'Download the lists (xlsx)' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal(await page.locator('.govuk-error-summary li').count(), 2);
  await checkPage(page, 'returns-annex-a-errors');
  await fillDate(page, 'Start of the period', `${year}-04-01`);
  await fillDate(page, 'End of the period', today);
  const [annex] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the lists (xlsx)' }).click(),
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await annex.path())!);
  assert.deepEqual(
    book.worksheets.map((s) => s.name),
    ['List 1', 'List 2', 'List 3', 'List 4', 'List 5', 'List 6', 'List 7'],
  );
  assert.equal(book.getWorksheet('List 3')!.getRow(1).getCell(1).value, 'Child Unique ID');
  assert.ok(book.getWorksheet('List 6')!.rowCount > 1, 'children in need listed');
});
