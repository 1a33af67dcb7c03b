import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { bearer, startTestApp, TEST_KEYS, TestApp } from '../support/test-app';
import { buildDashboard, launchChromium, OUTPUT_DIR } from './browser';
import { DashboardScenario, postDashboardScenario } from './dashboard-scenario';

// A browser, a build and a seeded app: slower than an API test, not timing-dependent.
jest.setTimeout(60_000);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (month: string) => `${MONTHS[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });

/**
 * The dashboard in a real Chromium against the real app on a temp data dir, seeded through the
 * command API. Each test leaves a screenshot in test-output/browser/.
 */
describe('dashboard in Chromium', () => {
  let t: TestApp;
  let webDir: string;
  let browser: Browser;
  let base: string;
  let scenario: DashboardScenario;
  let page: Page;
  const outside: string[] = [];

  const api = async (path: string, role: keyof typeof TEST_KEYS = 'analyst') =>
    (await request(t.server).get(path).set('Authorization', bearer(role)).expect(200)).body;

  async function signIn(role: keyof typeof TEST_KEYS | 'wrong'): Promise<void> {
    await page.goto(`${base}/`);
    const signOut = page.getByRole('button', { name: 'Sign out' });
    // Wait until the stored key (if any) has been checked: either the form or the shell shows.
    await page.locator('#api-key').or(signOut).waitFor();
    if (await signOut.isVisible()) await signOut.click();
    await page
      .getByLabel('API key')
      .fill(role === 'wrong' ? 'not-a-configured-key-0000' : TEST_KEYS[role]);
    // With the keyboard: the key field has the focus, Enter sends the form.
    await page.keyboard.press('Enter');
  }

  beforeAll(async () => {
    webDir = buildDashboard();
    t = await startTestApp({ env: { LEDGER_WEB_DIR: webDir } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    scenario = await postDashboardScenario(t);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('request', (r) => {
      if (
        !r.url().startsWith(base) &&
        !r.url().startsWith('data:') &&
        !r.url().startsWith('blob:')
      ) {
        outside.push(r.url());
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it("a wrong key shows the server's own message and stays on the form", async () => {
    const expected = (
      await request(t.server).get('/v1/me').set('Authorization', 'Bearer not-a-configured-key-0000')
    ).body.detail as string;
    await signIn('wrong');
    await expect(page.getByRole('alert').textContent()).resolves.toContain(expected);
    await expect(page.getByLabel('API key').isVisible()).resolves.toBe(true);
    expect(await page.evaluate('window.sessionStorage.length')).toBe(0);
    await shot(page, '01-sign-in-wrong-key');
  });

  it('an analyst sees the overview with the catalog, and no audit page', async () => {
    await signIn('analyst');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('link', { name: scenario.offeringName }).waitFor();
    const catalog = await api('/v1/offerings');
    await expect(page.locator('.tile').first().textContent()).resolves.toContain(
      String(catalog.total),
    );
    await expect(page.getByRole('link', { name: 'Audit' }).count()).resolves.toBe(0);
    // The key is in sessionStorage, never in the address bar.
    expect(page.url()).not.toContain(TEST_KEYS.analyst);
    await shot(page, '02-overview-analyst');
  });

  it("the offering's chart shows the months and values the API answers", async () => {
    await page.getByRole('link', { name: scenario.offeringName }).click();
    const chart = page.getByTestId('chart-availability');
    await chart.locator('svg').waitFor();
    await page.getByRole('heading', { name: 'Relationships, worst first' }).waitFor();

    // One chart per warranty metric.
    await page.getByTestId('chart-resolution-hours').locator('svg').waitFor();
    const trend = await api(`/v1/analytics/offerings/${scenario.offeringId}/trend`);
    const months = (
      trend.months as { month: string; serviceLevels?: Record<string, { mean: number }> }[]
    )
      .filter((m) => m.serviceLevels?.availability !== undefined)
      .map((m) => ({ label: monthLabel(m.month), mean: m.serviceLevels!.availability.mean }));
    expect(months.length).toBeGreaterThan(0);
    const chartText = await chart.locator('svg text').allTextContents();
    for (const { label, mean } of months) {
      expect(chartText).toContain(label);
      expect(chartText).toContain(String(mean));
    }
    // The same numbers in the table beside the chart, breached months marked.
    const table = page.getByTestId('table-availability');
    await page.getByText('Table of availability by month').click();
    for (const { label, mean } of months) {
      await expect(
        table.getByRole('row', { name: new RegExp(label) }).textContent(),
      ).resolves.toContain(String(mean));
    }
    await shot(page, '03-offering-analyst');
    await page.setViewportSize({ width: 390, height: 844 });
    await chart.locator('svg').waitFor();
    await shot(page, '04-offering-390px');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('the relationship page shows the timeline with actor and recorded time', async () => {
    await page.goto(`${base}/#/relationships/${scenario.relationshipId}`);
    await page.locator('.timeline li').first().waitFor();
    const items = await page.locator('.timeline li').count();
    expect(items).toBe(scenario.relationshipRecordedAt.length);
    await expect(page.locator('.timeline').textContent()).resolves.toContain(
      'by test-service:service',
    );
    // The retracted risk stays on the timeline, struck through, with who retracted it and why.
    const retracted = page.locator('.timeline li.retracted');
    await expect(retracted.count()).resolves.toBe(1);
    await expect(retracted.locator('del').textContent()).resolves.toContain(
      'outage of the old cluster',
    );
    await expect(retracted.textContent()).resolves.toMatch(
      /retracted .* by test-service:service: recorded against the wrong relationship/,
    );
    // Facts are in the order they happened, not the order they were recorded.
    const times = await page
      .locator('.timeline li time')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''));
    const moments = times.map((x) => Date.parse(x));
    expect(moments).toEqual([...moments].sort((a, b) => a - b));
    await shot(page, '05-relationship-analyst');

    // A fact recorded now arrives through the event stream: the page refreshes itself.
    await request(t.server)
      .post(`/v1/relationships/${scenario.relationshipId}/outputs`)
      .set('Authorization', bearer('service'))
      .send({ description: 'nightly restore test passed', offeringId: scenario.offeringId })
      .expect(200);
    await page.getByText('nightly restore test passed').waitFor();
    await expect(page.locator('.timeline li').count()).resolves.toBe(items + 1);
  });

  it('the improvement register marks the overdue improvement, as the API says', async () => {
    await page.getByRole('link', { name: 'Improvements' }).click();
    await page.getByRole('heading', { name: 'Improvement register' }).waitFor();
    const register = (await api('/v1/improvements')).items as {
      title: string;
      overdue: boolean;
    }[];
    expect(register.filter((i) => i.overdue).map((i) => i.title)).toEqual([
      'Raise database availability',
    ]);
    for (const { title, overdue } of register) {
      const row = page.getByRole('row', { name: new RegExp(title) });
      await row.waitFor();
      await expect(row.getAttribute('data-overdue')).resolves.toBe(String(overdue));
      await expect(row.getByText('overdue', { exact: true }).count()).resolves.toBe(
        overdue ? 1 : 0,
      );
    }
    await expect(
      page.getByRole('row', { name: /Raise database availability/ }).textContent(),
    ).resolves.toContain('99.5 → 99.9');
    await shot(page, '06-register-analyst');

    // The filter asks the server for the overdue ones only.
    await page.getByLabel('Overdue only').check();
    await page.waitForFunction("document.querySelectorAll('table.register tbody tr').length === 1");
    await expect(page.locator('table.register tbody tr').textContent()).resolves.toContain(
      'Raise database availability',
    );
  });

  it('an improvement shows its before/after chart and the server refuses a four-eyes breach', async () => {
    const own = scenario.improvementIds[2];
    const refusal = await request(t.server)
      .post(`/v1/improvements/${own}/approve`)
      .set('Authorization', bearer('analyst'))
      .send({})
      .expect(409);
    await page.goto(`${base}/#/improvements/${scenario.improvementIds[0]}`);
    await page.getByRole('heading', { name: 'Raise database availability' }).waitFor();
    await page.getByRole('heading', { name: 'Before and after' }).waitFor();
    await page
      .getByTestId('chart-before-after')
      .or(page.getByText(/No measured period/))
      .waitFor();
    await shot(page, '07-improvement-analyst');

    await page.goto(`${base}/#/improvements/${own}`);
    await page.getByRole('heading', { name: 'Automate failover tests' }).waitFor();
    await page.getByRole('button', { name: 'approve' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain(refusal.body.detail as string);
    await shot(page, '08-improvement-refused');
  });

  it('an auditor reads a relationship as the ledger knew it at a past time', async () => {
    await signIn('auditor');
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit' }).waitFor();
    await page.getByRole('button', { name: 'Verify the log' }).click();
    await expect(page.getByTestId('verify-result').textContent()).resolves.toMatch(/^Valid/);

    // As of the moment the third fact was recorded: exactly the first three facts.
    const asOf = scenario.relationshipRecordedAt[2];
    const replay = await api(
      `/v1/audit/relationships/${scenario.relationshipId}/state?asOf=${encodeURIComponent(asOf)}`,
      'auditor',
    );
    const select = page.getByRole('combobox', { name: 'Relationship' });
    await select.locator('option').nth(1).waitFor({ state: 'attached' });
    await select.selectOption(scenario.relationshipId);
    await page.getByLabel(/As of/).fill(asOf);
    await page.getByRole('button', { name: 'Replay' }).click();
    const shown = page.getByTestId('replay');
    await shown.waitFor();
    await expect(shown.locator('.timeline li').count()).resolves.toBe(replay.events.length);
    expect(replay.events.length).toBeLessThan(scenario.relationshipRecordedAt.length);
    await expect(shown.textContent()).resolves.toContain(`${replay.events.length} events`);
    await shot(page, '09-audit-as-of');
  });

  it('is readable at 390 px: register and audit on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/#/improvements`);
    await page.getByRole('row', { name: /Raise database availability/ }).waitFor();
    await shot(page, '10-register-390px');
    await page.goto(`${base}/#/audit`);
    await page.getByRole('heading', { name: 'Export' }).waitFor();
    // Nothing wider than the screen but the tables' own scroll boxes.
    const overflow = await page.evaluate('document.documentElement.scrollWidth');
    expect(overflow).toBeLessThanOrEqual(390);
    await shot(page, '11-audit-390px');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('an open ledger (no keys) goes straight to the overview', async () => {
    const open = await startTestApp({ env: { LEDGER_API_KEYS: '', LEDGER_WEB_DIR: webDir } });
    try {
      await open.app.listen(0, '127.0.0.1');
      const port = (open.app.getHttpServer().address() as AddressInfo).port;
      const openPage = await browser.newPage();
      await openPage.goto(`http://127.0.0.1:${port}/`);
      await openPage.getByRole('heading', { name: 'Overview' }).waitFor();
      await expect(openPage.getByText('open ledger').isVisible()).resolves.toBe(true);
      await expect(openPage.locator('#api-key').count()).resolves.toBe(0);
      await shot(openPage, '12-overview-open-mode');
      await openPage.close();
    } finally {
      await open.dispose();
    }
  });

  it('loaded nothing from outside the ledger', () => {
    expect(outside).toEqual([]);
  });
});
