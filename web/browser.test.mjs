// browser.test.mjs — reel's web pages in a real browser: playwright-core
// drives Debian's chromium (headless, fresh profile) against `reel serve`
// started here on 127.0.0.1 on a free port, over a store of our examples/
// and, when ../shared is there, the seeds. Checks what a reader sees: the
// film page's score and conflicts, pull quotes and fact values opening
// their article with the words highlighted, search, a phone-sized screen,
// pages without JavaScript, and a hostile article shown as text on every
// page with no script run. Screenshots go to web/artifacts/.
// Run by tests/browser.sh; prints "N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const SRC = resolve(process.env.REEL_SRC || join(dirname(fileURLToPath(import.meta.url)), '..'));
const BIN = resolve(process.env.REEL_BIN || join(SRC, 'build', 'reel'));
const CHROMIUM = process.env.REEL_CHROMIUM || '/usr/bin/chromium';
const SEEDS = join(SRC, '..', 'shared', 'seeds');
const ARTIFACTS = join(SRC, 'web', 'artifacts');
const TOKEN = randomBytes(16).toString('hex');

let passed = 0, failed = 0, pending = 0;
const tmp = mkdtempSync(join(tmpdir(), 'reel-browser-'));
let server = null, browser = null, nojs = null;

function ok(name) { passed++; console.log(`ok - ${name}`); }
function bad(name, err) { failed++; console.log(`not ok - ${name}: ${err && err.stack ? err.stack : err}`); }
function loud(msg) {
  pending++;
  console.log(`\n!!!!!!!! PENDING: ${msg}\n`);
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }
async function step(name, fn) {
  try { await fn(); ok(name); } catch (e) { bad(name, e); }
}

function ingest(path) {
  const r = spawnSync(BIN, ['ingest', '--quiet', '--db', join(tmp, 'reel.db'), path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reel ingest ${path}: ${r.status} ${r.stderr}`);
}

function startServer() {
  return serve(BIN, ['--db', join(tmp, 'reel.db'), '--threads', '2'], { REEL_TOKEN: TOKEN });
}

async function api(path) {
  const r = await fetch(server.base + path);
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

// A page that fails the test if any script runs or the CSP had to refuse
// markup (which would mean something got through unescaped).
async function newPage(ctx) {
  const page = await ctx.newPage();
  page.problems = [];
  page.on('dialog', d => { page.problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('console', m => {
    if (/Content Security Policy|Refused to/i.test(m.text())) page.problems.push(`csp: ${m.text()}`);
  });
  page.on('pageerror', e => page.problems.push(`page error: ${e.message}`));
  return page;
}

async function assertInert(page, where) {
  const state = await page.evaluate(() => ({
    xss: window.__xss,
    scripts: document.querySelectorAll('script').length,
    imgs: document.querySelectorAll('img').length,
    handlers: [...document.querySelectorAll('*')].filter(e =>
      [...e.attributes].some(a => a.name.startsWith('on'))).length,
    jsLinks: [...document.querySelectorAll('a[href]')].filter(a => !/^https?:/.test(a.href)).length,
  }));
  assert(state.xss === undefined, `${where}: a script ran (window.__xss = ${state.xss})`);
  assert(state.scripts === 0, `${where}: ${state.scripts} <script> elements in the page`);
  assert(state.imgs === 0, `${where}: ${state.imgs} <img> elements in the page`);
  assert(state.handlers === 0, `${where}: ${state.handlers} elements with on* attributes`);
  assert(state.jsLinks === 0, `${where}: ${state.jsLinks} links that are not http(s)`);
  assert(page.problems.length === 0, `${where}: ${page.problems.join('; ')}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
}

// The text of the highlighted passage (it may be cut into several marks).
async function highlighted(page) {
  return page.evaluate(() => [...document.querySelectorAll('article.text mark.hl')].map(m => m.textContent).join(''));
}

const HOSTILE = 'Review: The Escaping Test (2024)\n\n' +
  '<script>window.__xss=1</script> "><img src=x onerror="window.__xss=2"> ' +
  'The Escaping Test is a careful, handsome film about quoting things properly, ' +
  'and its director keeps every scene small and exact.\n\nRating: 3/4';

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  assert(existsSync(BIN), `no reel binary at ${BIN}`);
  assert(existsSync(CHROMIUM), `no chromium at ${CHROMIUM} (make check installs it)`);
  const seeds = existsSync(SEEDS) && readdirSync(SEEDS).length > 0;
  ingest(join(SRC, 'examples'));
  ingest(join(SRC, 'tests', 'data', 'critics.jsonl')); // the critic pages' fixture
  if (seeds) ingest(SEEDS);
  else console.log(`SKIP (seed checks): ${SEEDS} is absent; the seed film's checks are skipped`);
  server = await startServer();
  console.log(`# server ${server.base}, store ${join(tmp, 'reel.db')}`);

  // the hostile article goes in through the API, its title and URL too
  const q = new URLSearchParams({ title: '<script>window.__xss=3</script>', url: 'javascript:window.__xss=4' });
  const post = await fetch(`${server.base}/api/articles?${q}`, {
    method: 'POST', body: HOSTILE,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', Authorization: `Bearer ${TOKEN}` },
  });
  const posted = await post.json();
  assert(post.status === 201, `POST /api/articles: ${post.status} ${JSON.stringify(posted)}`);

  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--no-proxy-server'];
  browser = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: CHROMIUM, headless: true, args, viewport: { width: 1100, height: 900 },
  });
  nojs = await chromium.launchPersistentContext(join(tmp, 'profile-nojs'), {
    executablePath: CHROMIUM, headless: true, args, javaScriptEnabled: false,
    viewport: { width: 1100, height: 900 },
  });

  const filmKey = seeds ? 'pain and glory' : 'parasite';
  const report = await api(`/api/films/${encodeURIComponent(filmKey)}`);
  const page = await newPage(browser);

  await step('index lists the films and links to them', async () => {
    await page.goto(server.base + '/');
    const films = await api('/api/films?limit=200');
    const rows = await page.locator('table.films tbody tr').count();
    assert(rows === films.films.length, `${rows} rows, the API has ${films.films.length} films`);
    await page.getByRole('link', { name: report.film.title, exact: true }).first().click();
    await page.waitForURL(/\/films\//);
    assert((await page.locator('h1.film-title').textContent()).includes(report.film.title), 'film page title');
    await shot(page, 'index.png');
    await assertInert(page, 'index');
  });

  await step(`film page shows the critics' score, share positive, histogram (${report.film.title})`, async () => {
    await page.goto(`${server.base}/films/${encodeURIComponent(filmKey)}`);
    const r = report.reception;
    assert(r.critics_score !== null, 'the report has no critics score');
    const score = (await page.locator('#critics-score').textContent()).trim();
    assert(score === `${Math.round(r.critics_score)}/100`, `page shows ${score}, report ${r.critics_score}`);
    const share = (await page.locator('#positive-share').textContent()).trim();
    assert(share === `${Math.round(r.positive_share)}%`, `page shows ${share}, report ${r.positive_share}`);
    const bars = await page.locator('svg.histogram rect.bar').count();
    assert(bars === 10, `${bars} histogram bars`);
    const nz = r.histogram.filter(c => c > 0).length;
    const tall = await page.locator('svg.histogram rect.bar:not([height="0.0"])').count();
    assert(tall === nz, `${tall} visible bars, ${nz} non-empty bins`);
    const arts = await page.locator('section.articles tbody tr').count();
    assert(arts === report.articles.length, `${arts} article rows, report has ${report.articles.length}`);
    await shot(page, 'film.png');
    await assertInert(page, 'film page');
  });

  await step('film page draws the timeline: a point per dated review, in date order', async () => {
    const tl = await api(`/api/films/${encodeURIComponent(filmKey)}/timeline`);
    await page.goto(`${server.base}/films/${encodeURIComponent(filmKey)}`);
    assert(tl.dated >= 2, `the timeline has ${tl.dated} dated reviews`);
    const svg = page.locator('svg.timeline');
    assert((await svg.count()) === 1, 'no timeline SVG on the film page');
    const points = svg.locator('circle.point');
    const n = await points.count();
    assert(n === tl.dated, `${n} points drawn, the timeline has ${tl.dated} dated reviews`);
    const dates = await points.evaluateAll(cs => cs.map(c => c.getAttribute('data-date')));
    const want = tl.points.map(p => p.date);
    assert(JSON.stringify(dates) === JSON.stringify(want), `points ${dates} vs ${want}`);
    const scores = await points.evaluateAll(cs => cs.map(c => Number(c.getAttribute('data-score'))));
    assert(scores.every((s, i) => s === Math.round(tl.points[i].score)), `scores ${scores}`);
    // inside the drawing, left to right by date
    const box = await svg.boundingBox();
    const xs = [];
    for (let i = 0; i < n; i++) {
      const b = await points.nth(i).boundingBox();
      assert(b && b.x >= box.x && b.x + b.width <= box.x + box.width + 1 &&
        b.y >= box.y && b.y + b.height <= box.y + box.height + 1, `point ${i} outside the SVG`);
      xs.push(b.x);
    }
    assert(xs.every((x, i) => i === 0 || x >= xs[i - 1]), `points not left to right: ${xs}`);
    assert((await svg.locator('polyline.share').count()) === 1, 'no running-share line');
    const label = await svg.evaluate(el => el.getAttribute('aria-labelledby').split(' ')
      .map(id => document.getElementById(id)?.textContent || '').join(' '));
    assert(label.includes(`${tl.dated} dated review`) && label.includes(tl.first),
      `the SVG's accessible name/description: "${label}"`);
    const nojsPage = await newPage(nojs);
    await nojsPage.goto(`${server.base}/films/${encodeURIComponent(filmKey)}`);
    const m = await nojsPage.locator('svg.timeline circle.point').count();
    assert(m === tl.dated, `without JavaScript: ${m} points`);
    await nojsPage.close();
    await svg.screenshot({ path: join(ARTIFACTS, 'timeline.png') });
  });

  await step('film page marks every conflict of the report; Gallo/Mallo when the facts have it', async () => {
    const conflicts = (report.facts || []).filter(f => f.conflict === true);
    const rows = await page.locator('tr.fact.conflict').count();
    assert(rows === conflicts.length, `${rows} rows marked, the report has ${conflicts.length} conflicts`);
    const facts = await page.locator('tr.fact').count();
    assert(facts === (report.facts || []).length, `${facts} fact rows, report has ${(report.facts || []).length}`);
    if (!seeds) return;
    const json = JSON.stringify(conflicts);
    if (/Mallo/.test(json) && /Gallo/.test(json)) {
      const text = await page.locator('tr.fact.conflict').allTextContents();
      const row = text.find(t => /Mallo/.test(t) && /Gallo/.test(t));
      assert(row, `no conflict row shows both Mallo and Gallo: ${text.join(' | ')}`);
      assert(/disputed/.test(row), 'the conflict row is not marked disputed');
    } else {
      loud(`the report of ${report.film.title} has no Gallo/Mallo conflict yet ` +
        `(${(report.facts || []).length} facts, ${conflicts.length} conflicts): the facts branch ` +
        'has not landed; the page renders whatever conflicts the report has (checked above)');
    }
  });

  await step('a pull quote opens its article with the quote highlighted', async () => {
    await page.goto(`${server.base}/films/${encodeURIComponent(filmKey)}`);
    const quotes = report.pull_quotes || [];
    if (quotes.length === 0) {
      loud(`the report of ${report.film.title} has no pull quotes yet (the reception branch ` +
        'has not landed); checking the same highlight path with the critic\'s score instead');
      const art = report.articles.find(a => a.verdict && a.verdict.source === 'explicit');
      assert(art, 'no article with an explicit score');
      const rec = await api(`/api/articles/${art.id}`);
      const [s, e] = rec.score.span;
      await page.goto(`${server.base}/articles/${art.id}?hl=${s}-${e}#hl`);
      const hl = await highlighted(page);
      assert(hl === rec.score.raw, `highlighted "${hl}", the score is "${rec.score.raw}"`);
      assert(await page.locator('#hl').isVisible(), 'the highlight is not visible');
      return;
    }
    const link = page.locator('a.quote-link').first();
    await link.click();
    await page.waitForURL(/\/articles\/[0-9a-f]+\?hl=\d+-\d+#hl$/);
    const hl = await highlighted(page);
    const want = quotes[0].text || quotes[0].quote;
    assert(hl.length > 0 && (want.includes(hl.trim()) || hl.includes(want)),
      `highlighted "${hl}", the quote is "${want}"`);
    assert(await page.locator('#hl').isVisible(), 'the highlight is not visible');
    await shot(page, 'pull-quote.png');
    await assertInert(page, 'pull quote target');
  });

  await step('a fact value opens the sentence it came from', async () => {
    const facts = (report.facts || []).filter(f => (f.sources || []).length && f.sources[0].span);
    if (facts.length === 0) {
      loud(`the report of ${report.film.title} has no facts with sources yet (facts branch)`);
      return;
    }
    await page.goto(`${server.base}/films/${encodeURIComponent(filmKey)}`);
    await page.locator('tr.fact td.value a.source').first().click();
    await page.waitForURL(/\/articles\/[0-9a-f]+\?hl=\d+-\d+#hl$/);
    const src = facts[0].sources[0];
    const rec = await api(`/api/articles/${src.article}`);
    const words = Buffer.from(rec.text, 'utf8').subarray(src.span[0], src.span[1]).toString('utf8');
    const hl = await highlighted(page);
    assert(hl === words, `highlighted "${hl}", the source's words are "${words}"`);
    await shot(page, 'fact-source.png');
  });

  await step('facts table: [n] is article n of the page everywhere, evidence readable without hover', async () => {
    await page.goto(`${server.base}/films/${encodeURIComponent(filmKey)}`);
    // article n of the list, as its row links it
    const rows = await page.locator('section.articles tbody tr').evaluateAll(trs => trs.map(tr => ({
      n: tr.querySelector('td.num').textContent.trim(),
      href: tr.querySelector('a[href^="/articles/"]').getAttribute('href'),
    })));
    rows.forEach((r, i) => assert(r.n === `[${i + 1}]`, `article row ${i + 1} is numbered ${r.n}`));
    const links = await page.locator('tr.fact td.sources a.source').evaluateAll(as => as.map(a => ({
      label: a.textContent.trim(), href: a.getAttribute('href'),
    })));
    const facts = (report.facts || []).filter(f => (f.sources || []).length);
    if (facts.length === 0) {
      loud(`the report of ${report.film.title} has no facts with sources yet`);
      return;
    }
    assert(links.length > 0, 'no source links in the facts table');
    for (const l of links) {
      const m = /^\[(\d+)\]$/.exec(l.label);
      assert(m, `a source link reads "${l.label}", not [n]`);
      const row = rows[Number(m[1]) - 1];
      assert(row, `source ${l.label} names no article row (${rows.length} rows)`);
      assert(l.href.split('?')[0] === row.href.split('?')[0],
        `source ${l.label} links ${l.href}, article ${l.label} of the list is ${row.href}`);
    }
    // the evidence is text on the page, one click away (no hover, works on a phone)
    const fi = (report.facts || []).findIndex(f => (f.sources || []).some(s => s.evidence));
    assert(fi >= 0, 'no fact has evidence');
    const ev = report.facts[fi].sources.find(s => s.evidence).evidence;
    const row = page.locator('tr.fact').nth(fi);
    const details = row.locator('details.evidence');
    await details.locator('summary').click();
    const shown = row.locator('details.evidence li q', { hasText: ev.slice(0, 40) }).first();
    assert(await shown.isVisible(), `the evidence "${ev.slice(0, 60)}" is not shown after one click`);
    await shot(page, 'fact-evidence.png');
    // qualifiers read by what they are
    const award = (report.facts || []).findIndex(f => /^(award|nomination)$/.test(f.predicate) && f.qualifier);
    if (award >= 0) {
      const f = report.facts[award];
      const text = (await page.locator('tr.fact td.value').nth(award).textContent()).replace(/\s+/g, ' ');
      assert(text.includes(`${f.value}: ${f.qualifier}`), `award reads "${text}"`);
      assert(!/ as /.test(text), `award reads "${text}"`);
    }
    // a piece that is not a review shows its tone, never a score
    const kinds = await page.locator('section.articles tbody tr').evaluateAll(trs => trs.map(tr => ({
      kind: tr.cells[2].textContent, score: tr.cells[3].textContent.trim(),
    })));
    for (const k of kinds.filter(k => !/^review/.test(k.kind)))
      assert(/tone: /.test(k.kind) && k.score === '\u2013', `a non-review shows "${k.kind}" / "${k.score}"`);
    await assertInert(page, 'film page facts');
  });

  const term = seeds ? 'Banderas' : 'Parasite';
  await step(`search for "${term}" finds the articles`, async () => {
    await page.goto(server.base + '/');
    await page.locator('header input[name=q]').fill(term);
    await page.locator('header input[name=q]').press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const res = await api(`/api/search?q=${encodeURIComponent(term)}&limit=200`);
    assert(res.total > 0, `the API finds no "${term}"`);
    const hits = await page.locator('li.hit').count();
    assert(hits === Math.min(res.total, 20), `${hits} hits shown, the API has ${res.total}`);
    const marks = await page.locator('li.hit .snippet mark').allTextContents();
    assert(marks.length > 0 && marks.every(m => m.toLowerCase() === term.toLowerCase()),
      `snippet marks: ${marks.join(', ')}`);
    await shot(page, 'search.png');
    await page.locator('li.hit > a').first().click();
    await page.waitForURL(/\/articles\/[0-9a-f]+$/);
    assert((await page.locator('article.text').textContent()).includes(term), `the article has no "${term}"`);
    await shot(page, 'article.png');
    await assertInert(page, 'article');
  });

  await step('the hostile article is text on every page, and no script runs', async () => {
    const where = [`/articles/${posted.id}`, '/search?q=escaping', '/?q=escaping'];
    if (posted.film) where.push(`/films/${encodeURIComponent(posted.film.key)}`);
    else loud('the hostile article got no subject film; its film page is not checked');
    for (const path of where) {
      const p = await newPage(browser);
      await p.goto(server.base + path);
      await assertInert(p, path);
      const text = await p.evaluate(() => document.body.innerText);
      if (path.startsWith('/articles/')) {
        assert(text.includes('<script>window.__xss=1</script>'), `${path}: the script is not shown as text`);
        assert(text.includes('"><img src=x onerror="window.__xss=2">'), `${path}: the img is not shown as text`);
        assert(text.includes('<script>window.__xss=3</script>'), `${path}: the title is not shown as text`);
        assert(text.includes('javascript:window.__xss=4'), `${path}: the URL is not shown as text`);
        await shot(p, 'hostile-article.png');
      }
      if (path.startsWith('/search')) assert(/<script>|<img/.test(text), `${path}: the snippet lost the markup text`);
      await p.close();
    }
  });

  await step('a critic page: from the list, figures, reviews, links to films and back', async () => {
    const p = await newPage(browser);
    await p.goto(server.base + '/critics');
    const list = await api('/api/critics?limit=200');
    const rows = await p.locator('table.people tbody tr').count();
    assert(rows === Math.min(list.total, 50), `${rows} rows, the API has ${list.total} critics`);
    await p.getByRole('link', { name: 'Ann Lee', exact: true }).first().click();
    await p.waitForURL(/\/critics\/Ann%20Lee$/);
    assert((await p.locator('h1').textContent()) === 'Ann Lee', 'critic page title');
    const meta = await p.locator('dl.meta').innerText();
    // tests/test_critics.c works these out by hand
    assert(/67\.5 \/ 100, spread \(standard deviation\) 35\.0/.test(meta), `figures: ${meta}`);
    assert(/on 2 of 3 films that have one/.test(meta), `agreement: ${meta}`);
    const reviews = await p.locator('table.reviews').last().locator('tbody tr').count();
    assert(reviews === 5, `${reviews} reviews listed, not 5`);
    await shot(p, 'critic.png');
    await assertInert(p, 'critic page');
    await p.getByRole('link', { name: 'Charlie Orchard (2003)' }).first().click();
    await p.waitForURL(/\/films\//);
    await p.locator('a.critic', { hasText: 'Bob Roy' }).first().click();
    await p.waitForURL(/\/critics\/Bob%20Roy$/);
    assert(/on 2 of 4 films/.test(await p.locator('dl.meta').innerText()), "Bob Roy's agreement");
    await p.locator('dl.meta a', { hasText: 'Screen Weekly' }).click();
    await p.waitForURL(/\/outlets\/Screen%20Weekly$/);
    assert((await p.locator('h1').textContent()) === 'Screen Weekly', 'outlet page title');
    await p.setViewportSize({ width: 375, height: 740 });
    for (const path of ['/critics', '/critics/Ann%20Lee', '/outlets']) {
      await p.goto(server.base + path);
      const w = await p.evaluate(() => document.documentElement.scrollWidth);
      assert(w <= 376, `${path}: ${w}px wide on a 375px screen`);
    }
    await p.close();
  });

  await step('pages fit a phone screen', async () => {
    const p = await newPage(browser);
    await p.setViewportSize({ width: 375, height: 740 });
    for (const path of ['/', `/films/${encodeURIComponent(filmKey)}`, `/articles/${report.articles[0].id}`]) {
      await p.goto(server.base + path);
      const w = await p.evaluate(() => document.documentElement.scrollWidth);
      assert(w <= 376, `${path}: ${w}px wide on a 375px screen`);
    }
    await p.goto(`${server.base}/films/${encodeURIComponent(filmKey)}`);
    await shot(p, 'film-phone.png');
    await p.close();
  });

  await step('pages work without JavaScript: search form and links', async () => {
    const p = await nojs.newPage();
    await p.goto(server.base + '/');
    await p.locator('main input[name=q]').fill(filmKey.split(' ')[0]);
    await p.locator('main button[type=submit]').click();
    await p.waitForURL(/\/\?q=/);
    const rows = await p.locator('table.films tbody tr').count();
    assert(rows >= 1, 'the film search found nothing');
    await p.locator('table.films tbody tr a').first().click();
    await p.waitForURL(/\/films\//);
    assert(await p.locator('#critics-score').count() === 1, 'no score on the film page');
    await p.close();
  });

  await step('server stops cleanly on SIGTERM', async () => {
    const code = await new Promise(res => {
      server.proc.removeAllListeners('exit');
      // up to 60 s: an ASan build checks for leaks as it exits
      const t = setTimeout(() => res('timeout'), 60000);
      server.proc.on('exit', c => { clearTimeout(t); res(c); });
      server.proc.kill('SIGTERM');
    });
    const stderr = server.stderr();
    server = null;
    assert(code === 0, `exit ${code}: ${stderr}`);
  });
}

try {
  await main();
} catch (e) {
  bad('setup', e);
} finally {
  if (browser) await browser.close().catch(() => {});
  if (nojs) await nojs.close().catch(() => {});
  if (server) server.proc.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
if (pending) console.log(`# ${pending} check(s) pending on data other branches add (see PENDING above)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
