// Filling GOV.UK forms in the browser as a person would, shared by the journeys.
import type { Page } from 'playwright-core';

export type Fields = Record<string, string | string[]>;

/** Fills a date group (Day, Month, Year) found by its legend. */
export async function fillDate(page: Page, legend: string | RegExp, iso: string): Promise<void> {
  const [y, m, d] = iso.slice(0, 10).split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(d)));
  await group.getByLabel('Month').fill(String(Number(m)));
  await group.getByLabel('Year').fill(y!);
}

/** A radio (or checkbox) of a group found by its legend. */
export const radio = (page: Page, legend: string | RegExp, label: string) =>
  page.getByRole('group', { name: legend }).getByLabel(label, { exact: true });

/** Fills a form by field name: text, dates, radios, checkboxes, selects (several values: each checked or chosen). */
export async function fill(page: Page, fields: Fields): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const field = page.locator(`main [name="${name}"]`);
    if (Array.isArray(value)) {
      for (const v of value) {
        const box = field.and(page.locator(`input[value="${v}"]`));
        if (await box.count()) await box.check();
        else await field.filter({ has: page.locator(`option[value="${v}"]`) }).selectOption(v);
      }
      continue;
    }
    const type = await field.first().evaluate((el) => (el as HTMLInputElement).type);
    if (type === 'radio') await field.and(page.locator(`[value="${value}"]`)).check();
    else if (type === 'select-one') await field.selectOption(value);
    else await field.fill(value);
  }
}

/** A date's three inputs by the prefix of their names (`heldOn` → heldOn-day, …). */
export function date(prefix: string, iso: string): Fields {
  const [y, m, d] = iso.split('-');
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y!,
  };
}
