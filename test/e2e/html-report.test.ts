// The HTML report of real simulated drills, opened in headless Chromium: it loads nothing but itself,
// logs no errors, draws a visible timeline with one legible lane per node (4 on the default cluster,
// 64 on the scale one) and shows the missed expectation marked. Full-page screenshots are kept for a look.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realRun, type RealRun } from '../report/real-runs.js';
import { scratch } from './drill-cli.js';

const chromiumPath = '/usr/bin/chromium';
const hasChromium = fs.existsSync(chromiumPath);
if (!hasChromium) console.warn(`${chromiumPath} is missing: the HTML report browser tests are skipped (apt-get install chromium)`);

/** Flags for a quiet, offline, sandbox-free headless browser in a container. */
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What a page did while it loaded: every request it made and every console error or page error. */
interface Visit {
  readonly page: Page;
  readonly requests: string[];
  readonly errors: string[];
  readonly screenshot: string;
}

/** Per lane: the node it belongs to, its top and height on screen (CSS pixels). */
interface LaneBox {
  readonly node: string;
  readonly top: number;
  readonly height: number;
  readonly bandHeight: number;
}

let browser: Browser | undefined;
const shots = hasChromium ? scratch('drill-html-shots-') : '';

/** Opens a report file, records requests and errors, waits for load and takes a full-page screenshot. */
async function visit(run: RealRun): Promise<Visit> {
  if (browser === undefined) throw new Error('browser not launched');
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(run.htmlPath).href, { waitUntil: 'load' });
  const screenshot = path.join(shots, `${run.name}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  return { page, requests, errors, screenshot };
}

/** Every node lane's on-screen box, measured from its state band so odd and even lanes compare alike. */
async function laneBoxes(page: Page): Promise<LaneBox[]> {
  return page.$$eval('svg.timeline g.lane', (lanes) =>
    lanes.map((g, i) => {
      const band = g.querySelector('rect.band')?.getBoundingClientRect();
      const next = lanes[i + 1]?.querySelector('rect.band')?.getBoundingClientRect();
      const whole = g.getBoundingClientRect();
      const top = band?.top ?? whole.top;
      return { node: g.getAttribute('data-node') ?? '', top, height: next === undefined ? whole.bottom - top : next.top - top, bandHeight: band?.height ?? 0 };
    }),
  );
}

beforeAll(async () => {
  if (!hasChromium) return;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!hasChromium)('the HTML report in headless Chromium', () => {
  const cases = [
    { name: 'failing' as const, nodes: 4 },
    { name: 'scale' as const, nodes: 64 },
  ];

  for (const c of cases) {
    describe(`${c.name} run (${c.nodes} nodes)`, () => {
      let run: RealRun;
      let seen: Visit;

      beforeAll(async () => {
        run = realRun(c.name);
        seen = await visit(run);
      });

      afterAll(async () => {
        await seen?.page.close();
      });

      it('loads nothing but the file itself and logs no errors', () => {
        expect(seen.requests).toEqual([pathToFileURL(run.htmlPath).href]);
        expect(seen.errors).toEqual([]);
      });

      it('draws the timeline at a visible size', async () => {
        const box = await seen.page.locator('svg.timeline').boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(800);
        expect(box?.height ?? 0).toBeGreaterThan(100);
      });

      it(`has one lane per node (${c.nodes}), each at least 10 px tall`, async () => {
        const lanes = await laneBoxes(seen.page);
        expect(lanes.map((l) => l.node)).toEqual(run.journal.target.nodes);
        expect(lanes).toHaveLength(c.nodes);
        const short = lanes.filter((l) => l.height < 10 || l.bandHeight < 5);
        expect(short, `lanes under 10 px: ${JSON.stringify(short)}`).toEqual([]);
        const labels = await seen.page.$$eval('svg.timeline g.lane text.lane-label', (ts) => ts.map((t) => t.getBoundingClientRect()));
        expect(labels).toHaveLength(c.nodes);
        for (let i = 1; i < labels.length; i++) expect(labels[i]?.top ?? 0, `lane label ${i} overlaps the one above`).toBeGreaterThanOrEqual(labels[i - 1]?.bottom ?? Infinity);
        for (const l of labels) expect(l.height).toBeGreaterThanOrEqual(9);
      });

      it('renders into a full-page screenshot', () => {
        expect(fs.statSync(seen.screenshot).size).toBeGreaterThan(10_000);
      });

      if (c.name === 'failing') {
        it('shows the missed expectation\'s row, visibly marked', async () => {
          const failed = run.journal.steps.flatMap((s) => s.expectations).filter((e) => e.verdict === 'fail');
          expect(failed).toHaveLength(1);
          const row = seen.page.locator(`svg.timeline g.expectation.fail[data-id="${failed[0]?.id ?? ''}"]`);
          await expect(row.count()).resolves.toBe(1);
          const box = await row.boundingBox();
          expect(box?.height ?? 0).toBeGreaterThanOrEqual(10);
          const mark = await row.evaluate((g) => {
            const label = g.querySelector('text.exp-label');
            // The miss is drawn as a cross where it failed, or as a bar past the window (late / never reached).
            const missShape = g.querySelector('g.mark.fail circle') ?? g.querySelector('rect.miss');
            const miss = missShape?.getBoundingClientRect();
            const tint = g.querySelector('rect:not(.window):not(.miss):not(.window-closed)');
            return {
              label: label?.textContent ?? '',
              labelColour: label?.getAttribute('fill') ?? '',
              missColour: missShape?.getAttribute('fill') ?? '',
              miss: { width: miss?.width ?? 0, height: miss?.height ?? 0 },
              tinted: tint !== null && Number(tint.getAttribute('fill-opacity')) > 0 && (tint.getBoundingClientRect().width > g.getBoundingClientRect().width * 0.9),
            };
          });
          expect(mark.label).toMatch(/^✗ /);
          expect(mark.label).toContain('drained live');
          // Orange-red (#D55E00, the palette's fail colour): the label, and the cross or bar that shows the miss.
          const red = (hex: string): boolean => {
            const [r = 0, g = 0, b = 0] = (/^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex) ?? []).slice(1).map((h) => parseInt(h, 16));
            return r > 150 && g < 110 && b < 60;
          };
          expect(red(mark.labelColour), `label colour ${mark.labelColour}`).toBe(true);
          expect(red(mark.missColour), `colour of the miss mark: ${mark.missColour || 'none drawn'}`).toBe(true);
          expect(mark.miss.width).toBeGreaterThanOrEqual(1.5);
          expect(mark.miss.height).toBeGreaterThanOrEqual(6);
          expect(mark.tinted, 'the whole failed row is tinted').toBe(true);
          const passingRows = await seen.page.locator('svg.timeline g.expectation.pass').count();
          expect(passingRows).toBeGreaterThan(0);
        });
      }
    });
  }

  afterAll(() => {
    console.info(`HTML report screenshots: ${shots}`);
  });
});
