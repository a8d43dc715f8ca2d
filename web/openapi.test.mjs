// openapi.test.mjs — docs/openapi.json against the server it describes.
// 1. The document is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator)
//    and is what `reel serve` answers at /api/openapi.json, byte for byte.
// 2. Its paths, methods and query parameters are exactly the server's: the
//    route table is read from src/http/params.c (routes[] and the names of
//    its parameter bits), so a route added there without a path here fails.
// 3. Every documented operation is called on a live `reel serve` over a store
//    of examples/ (REQUESTS below), and each answer's status, content type
//    and JSON body are checked against the document's schema (ajv, 2020-12).
// Run by tests/openapi.sh; prints "N passed, M failed".
//
// A new endpoint: add its path (and schemas) to docs/openapi.json and one or
// more requests to REQUESTS; the checks of 2 and 3 say which is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { serve } from './serve.mjs';

const SRC = resolve(process.env.REEL_SRC || join(dirname(fileURLToPath(import.meta.url)), '..'));
const BIN = resolve(process.env.REEL_BIN || join(SRC, 'build', 'reel'));
const DOC_PATH = join(SRC, 'docs', 'openapi.json');
const TOKEN = randomBytes(16).toString('hex');

let passed = 0, failed = 0;
function assert(cond, msg) { if (!cond) throw new Error(msg); }
async function step(name, fn) {
  try { await fn(); passed++; console.log(`ok - ${name}`); }
  catch (e) { failed++; console.log(`not ok - ${name}: ${e && e.stack ? e.stack : e}`); }
}

const docText = readFileSync(DOC_PATH, 'utf8');
const doc = JSON.parse(docText);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
// "/api/films/{title}" and the table's "/api/films/{}" name the same route
const shape = p => p.replace(/\{[^}]*\}/g, '{}');

// ---- the server's routes, from src/http/params.c -----------------------
// routes[] is {ROUTE_X, "seg", "seg"|NULL, has_arg, post, params}: string
// fields are literal segments in field order, a true has_arg field the
// argument segment; the parameter bits are named by set_param's names[].
function serverRoutes() {
  const src = readFileSync(join(SRC, 'src', 'http', 'params.c'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const typedef = src.match(/typedef struct \{([^}]*)\} route_def;/);
  assert(typedef, 'params.c: no route_def typedef (update serverRoutes in web/openapi.test.mjs)');
  const fields = typedef[1].split(';').map(s => s.trim()).filter(Boolean)
    .flatMap(decl => decl.replace(/^[\w\s*]*?(\**\w+)\s*(,|$)/, '$1$2').split(',').map(n => n.replace(/[*\s]/g, '')));
  const bits = {};
  for (const m of src.matchAll(/\{\s*"(\w+)"\s*,\s*(P_\w+)\s*\}/g)) bits[m[2]] = m[1];
  const table = src.match(/static const route_def routes\[\] = \{([\s\S]*?)\n\};/);
  assert(table, 'params.c: no routes[] table (update serverRoutes in web/openapi.test.mjs)');
  const routes = [];
  for (const m of table[1].matchAll(/\{([^{}]*)\}/g)) {
    const vals = m[1].split(',').map(s => s.trim());
    assert(vals.length === fields.length, `params.c: route {${m[1]}} does not have the ${fields.length} fields ${fields}`);
    const f = Object.fromEntries(fields.map((n, i) => [n, vals[i]]));
    const segs = [];
    for (const n of fields) {
      const v = f[n];
      if (/^".*"$/.test(v)) segs.push(v.slice(1, -1));
      else if (/^has_arg/.test(n) && v !== '0') segs.push('{}');
    }
    const params = (f.params || '0').split('|').map(s => s.trim()).filter(s => s !== '0')
      .map(b => { assert(bits[b], `params.c: parameter bit ${b} has no name`); return bits[b]; });
    const route = { name: vals[0], path: '/' + segs.join('/'), method: f.post && f.post !== '0' ? 'post' : 'get', params };
    routes.push(route);
    // http_parse answers "/" (no segment) with the index page's route
    if (route.name === 'ROUTE_PAGE_INDEX') routes.push({ ...route, path: '/' });
  }
  // tail_routes[] is {{route_def}, "last"}: the route's path, then one more segment
  const tails = src.match(/\} tail_routes\[\] = \{([\s\S]*?)\n\};/);
  if (tails) {
    for (const m of tails[1].matchAll(/\{\s*\{([^{}]*)\}\s*,\s*"([^"]+)"\s*\}/g)) {
      const vals = m[1].split(',').map(s => s.trim());
      assert(vals.length === fields.length, `params.c: tail route {${m[1]}} does not have the ${fields.length} fields ${fields}`);
      const f = Object.fromEntries(fields.map((n, i) => [n, vals[i]]));
      const segs = [];
      for (const n of fields) {
        const v = f[n];
        if (/^".*"$/.test(v)) segs.push(v.slice(1, -1));
        else if (/^has_arg/.test(n) && v !== '0') segs.push('{}');
      }
      segs.push(m[2]);
      const params = (f.params || '0').split('|').map(s => s.trim()).filter(s => s !== '0')
        .map(b => { assert(bits[b], `params.c: parameter bit ${b} has no name`); return bits[b]; });
      routes.push({ name: vals[0], path: '/' + segs.join('/'), method: f.post && f.post !== '0' ? 'post' : 'get', params });
    }
  }
  assert(routes.length >= 10, `params.c: only ${routes.length} routes read`);
  return routes;
}

// the operation's query parameters, $refs resolved
function queryParams(op) {
  return (op.parameters || []).map(p => p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p)
    .filter(p => p.in === 'query').map(p => p.name).sort();
}

// ---- response validation: the document's schemas under ajv --------------
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
{
  // the schemas as one JSON Schema with $defs, refs rewritten to point there
  const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'));
  ajv.addSchema({ $id: 'reel:openapi', $defs: defs });
}
function checkBody(schema, body, where) {
  const s = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"reel:openapi#/$defs/'));
  const validate = ajv.compile(s);
  if (!validate(body))
    throw new Error(`${where}: the answer does not fit its schema: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}`);
}
function responseOf(op, status) {
  let r = op.responses[String(status)] || op.responses.default;
  if (r && r.$ref) r = doc.components.responses[r.$ref.split('/').pop()];
  return r;
}

// ---- the requests: every documented operation at least once ------------
// path: the documented path; url: what to ask (a function of what earlier
// answers gave, `ids`); status: the one expected. Extend for new endpoints.
const REVIEW = 'Parasite review\n\nBong Joon-ho\'s Parasite is a sharp and funny thriller about two families, ' +
  'and it is a triumph from the first scene to the last. Rating: 4/5\n';
// beside examples/: two films of one title (300) and a disputed cast (conflicts),
// undated reviews (Heat's), a critic with nothing to compare (Dune 1984's);
// tests/data/critics.jsonl adds critics and outlets
// whose reviews agree, disagree and tie with each film's others
const EXTRA = [
  { film: 'Dune', year: 1984, score: '2/5', author: 'By Wen Park', outlet: 'The Night Screen', text: 'David Lynch\'s Dune is a strange, muddled and fascinating mess, directed by David Lynch.' },
  { film: 'Dune', year: 2021, score: '4/5', text: 'Dune, directed by Denis Villeneuve, is vast, stern and beautiful to look at.' },
  { film: 'Heat', year: 1995, score: '4/5', text: 'Heat, directed by Michael Mann, is a long and cool crime picture. Al Pacino plays Vincent Hanna.' },
  { film: 'Heat', year: 1995, score: '3/5', text: 'Heat, directed by Michael Mann, runs nearly three hours. Al Pacino plays Vincent Hanna with great volume.' },
  { film: 'Heat', year: 1995, score: '2/5', text: 'Heat is handsome and hollow. Al Pacino plays Neil McCauley, a thief.' },
].map((o, i) => JSON.stringify({ url: `https://extra.example/${i}`, kind: 'review', ...o })).join('\n') + '\n';
const auth = { Authorization: `Bearer ${TOKEN}` };
const REQUESTS = [
  { path: '/api/health', url: '/api/health', status: 200 },
  { path: '/api/films', url: '/api/films', status: 200 },
  { path: '/api/films', url: '/api/films?sort=score&limit=2&offset=1', status: 200 },
  { path: '/api/films', url: '/api/films?q=PARASITE&language=en', status: 200 },
  { path: '/api/films', url: '/api/films?sort=loudest', status: 400 },
  { path: '/api/films', url: '/api/films?color=red', status: 400 },
  { path: '/api/films/{title}', url: '/api/films/Parasite', status: 200,
    then: (b, ids, text, res) => { ids.article = b.articles[0].id; ids.etag = res.headers.get('etag'); } },
  { path: '/api/films/{title}', url: '/api/films/pain%20and%20glory?limit=1&offset=1', status: 200 },
  { path: '/api/films/{title}', url: '/api/films/Portrait%20of%20a%20Lady%20on%20Fire%20(2019)', status: 200 },
  { path: '/api/films/{title}', url: '/api/films/Parasite', headers: ids => ({ 'If-None-Match': ids.etag }), status: 304 },
  { path: '/api/films/{title}', url: '/api/films/Dune', status: 300,
    then: b => assert(b.films.map(f => f.name).join() === 'Dune (1984),Dune (2021)', `choices: ${JSON.stringify(b)}`) },
  { path: '/api/films/{title}', url: '/api/films/Dune%20(2021)', status: 200 },
  { path: '/api/films/{title}', url: '/api/films/heat', status: 200,
    then: b => assert(b.conflicts.length >= 1 && b.facts.some(f => f.conflict), 'Heat: no conflict to check the schema with') },
  { path: '/api/films/{title}', url: '/api/films/No%20Such%20Film', status: 404 },
  { path: '/api/films/{title}', url: '/api/films/Parasite?limit=0', status: 400 },
  { path: '/api/articles/{id}', url: ids => `/api/articles/${ids.article}`, status: 200 },
  { path: '/api/articles/{id}', url: ids => `/api/articles/${ids.article.slice(0, 12)}`, status: 200 },
  { path: '/api/articles/{id}', url: '/api/articles/0123456789abcdef', status: 404 },
  { path: '/api/articles/{id}', url: '/api/articles/xyz', status: 400 },
  { path: '/api/films', url: '/api/films?sort=first-review', status: 200,
    then: b => assert(b.films.some(f => f.first_review) && b.films.some(f => f.first_review === null) &&
      b.films[0].first_review <= b.films.find(f => f.first_review && f !== b.films[0]).first_review, `first-review order: ${JSON.stringify(b.films.map(f => f.first_review))}`) },
  { path: '/api/films', url: '/api/films?sort=year&limit=3', status: 200 },
  { path: '/api/films/{title}/timeline', url: '/api/films/Parasite/timeline', status: 200,
    then: b => assert(b.points.length >= 2 && b.first <= b.last, `Parasite timeline: ${JSON.stringify(b).slice(0, 300)}`) },
  { path: '/api/films/{title}/timeline', url: '/api/films/Heat/timeline', status: 200,
    then: b => assert(b.undated >= 1 && b.undated_articles.length === b.undated, 'Heat: no undated review to check the schema with') },
  { path: '/api/films/{title}/timeline', url: '/api/films/alpha%20harbour/timeline', status: 200,
    then: b => assert(b.points.some(p => p.verdict === 'negative') && b.positive < b.dated, 'Alpha Harbour: no negative point to check the schema with') },
  { path: '/api/films/{title}/timeline', url: '/api/films/Dune/timeline', status: 300 },
  { path: '/api/films/{title}/timeline', url: '/api/films/No%20Such%20Film/timeline', status: 404 },
  { path: '/api/critics', url: '/api/critics', status: 200,
    then: b => assert(b.critics.some(c => c.key === 'ann lee' && c.agreement !== null) && b.critics.some(c => c.agreement === null),
      `critics: ${JSON.stringify(b).slice(0, 300)}`) },
  { path: '/api/critics', url: '/api/critics?q=ann&sort=agreement&limit=1&offset=0', status: 200 },
  { path: '/api/critics', url: '/api/critics?sort=name', status: 200 },
  { path: '/api/critics', url: '/api/critics?sort=score', status: 200 },
  { path: '/api/critics', url: '/api/critics?sort=loudest', status: 400 },
  { path: '/api/critics/{name}', url: '/api/critics/by%20ann%20l%C3%A9e', status: 200,
    then: b => assert(b.names.length >= 2 && b.items.length && b.highest.length && b.lowest.length, `Ann Lee: ${JSON.stringify(b).slice(0, 300)}`) },
  { path: '/api/critics/{name}', url: '/api/critics/Marisol%20Okafor?limit=1&offset=1', status: 200 },
  { path: '/api/critics/{name}', url: '/api/critics/No%20Such%20Critic', status: 404 },
  { path: '/api/critics/{name}', url: '/api/critics/ann?limit=0', status: 400 },
  { path: '/api/outlets', url: '/api/outlets?sort=agreement&limit=3', status: 200,
    then: b => assert(b.outlets.length === 3 && b.sort === 'agreement', `outlets: ${JSON.stringify(b).slice(0, 300)}`) },
  { path: '/api/outlets', url: '/api/outlets?q=reel', status: 200 },
  { path: '/api/outlets', url: '/api/outlets?sort=size', status: 400 },
  { path: '/api/outlets/{name}', url: '/api/outlets/daily%20reel?limit=2', status: 200,
    then: b => assert(b.critics.length >= 2 && b.names.length >= 2, `Daily Reel: ${JSON.stringify(b).slice(0, 300)}`) },
  { path: '/api/outlets/{name}', url: '/api/outlets/No%20Such%20Outlet', status: 404 },
  { path: '/api/search', url: '/api/search?q=bong+joon&limit=2', status: 200 },
  { path: '/api/search', url: '/api/search?q=', status: 400 },
  { path: '/api/articles', method: 'post', url: '/api/articles?url=https%3A%2F%2Freview.example%2Fp&title=Parasite%20review',
    headers: { ...auth, 'Content-Type': 'text/plain' }, body: REVIEW, status: 201 },
  { path: '/api/articles', method: 'post', url: '/api/articles?url=https%3A%2F%2Freview.example%2Fp&title=Parasite%20review',
    headers: { ...auth, 'Content-Type': 'text/plain' }, body: REVIEW, status: 200 },
  { path: '/api/articles', method: 'post', url: '/api/articles', headers: { 'Content-Type': 'text/plain' }, body: REVIEW, status: 401 },
  { path: '/api/articles', method: 'post', url: '/api/articles', headers: { Authorization: 'Bearer wrong', 'Content-Type': 'text/plain' }, body: REVIEW, status: 403 },
  { path: '/api/articles', method: 'post', url: '/api/articles', headers: { ...auth, 'Content-Type': 'image/png' }, body: 'x', status: 415 },
  { path: '/api/openapi.json', url: '/api/openapi.json', status: 200,
    then: (b, ids, text) => { assert(text === docText, '/api/openapi.json is not docs/openapi.json as built'); } },
  { path: '/', url: '/', status: 200 },
  { path: '/films', url: '/films?sort=reviews', status: 200 },
  { path: '/films/{title}', url: '/films/Parasite', status: 200 },
  { path: '/films/{title}', url: '/films/Dune', status: 300 },
  { path: '/films/{title}', url: '/films/No%20Such%20Film', status: 404 },
  { path: '/articles/{id}', url: ids => `/articles/${ids.article}?hl=0-5`, status: 200 },
  { path: '/articles/{id}', url: '/articles/0123456789abcdef', status: 404 },
  { path: '/search', url: '/search?q=glory', status: 200 },
  { path: '/critics', url: '/critics?sort=agreement', status: 200 },
  { path: '/critics', url: '/critics?sort=loudest', status: 400 },
  { path: '/critics/{name}', url: '/critics/Ann%20Lee', status: 200 },
  { path: '/critics/{name}', url: '/critics/No%20Such%20Critic', status: 404 },
  { path: '/outlets', url: '/outlets?q=screen', status: 200 },
  { path: '/outlets/{name}', url: '/outlets/Screen%20Weekly?limit=2', status: 200 },
  { path: '/outlets/{name}', url: '/outlets/No%20Such%20Outlet', status: 404 },
  { path: '/static/{name}', url: '/static/reel.css', status: 200 },
  { path: '/static/{name}', url: '/static/nothing.css', status: 404 },
];

// ---- the server ----------------------------------------------------------
const tmp = mkdtempSync(join(tmpdir(), 'reel-openapi-'));
const db = join(tmp, 'reel.db');
let server = null;
function startServer() {
  return serve(BIN, ['--db', db, '--threads', '2'], { REEL_TOKEN: TOKEN });
}

try {
  await step('docs/openapi.json is valid OpenAPI 3.1', async () => {
    assert(/^3\.1\./.test(doc.openapi), `openapi is ${doc.openapi}, not 3.1`);
    const res = await new Validator().validate(structuredClone(doc));
    assert(res.valid, `not valid: ${String(JSON.stringify(res.errors, null, 1)).slice(0, 3000)}`);
    // and the validator does refuse: a path's operation without responses
    const broken = structuredClone(doc);
    delete broken.paths['/api/health'].get.responses;
    broken.paths['/api/health'].get.parameters = [{ name: 'x', in: 'nowhere' }];
    assert(!(await new Validator().validate(broken)).valid, 'a broken copy of the document passed the validator');
    const header = readFileSync(join(SRC, 'include', 'reel.h'), 'utf8').match(/#define REEL_VERSION "([^"]+)"/)[1];
    assert(doc.info.version === header, `info.version ${doc.info.version} is not REEL_VERSION ${header}`);
  });

  const routes = serverRoutes();
  await step(`every server route is documented, and nothing else (${routes.length} routes in params.c)`, () => {
    const documented = new Map(Object.keys(doc.paths).map(p => [shape(p), p]));
    const problems = [];
    const served = new Set();
    for (const r of routes) {
      served.add(`${r.method} ${r.path}`);
      const p = documented.get(r.path);
      const op = p && doc.paths[p][r.method];
      if (!op) { problems.push(`${r.method.toUpperCase()} ${r.path} (${r.name}) is served but not in docs/openapi.json`); continue; }
      const want = [...r.params].sort().join(','), have = queryParams(op).join(',');
      if (want !== have) problems.push(`${r.method.toUpperCase()} ${p}: the server takes query parameters [${want}], the document lists [${have}]`);
    }
    for (const [s, p] of documented)
      for (const m of METHODS)
        if (doc.paths[p][m] && !served.has(`${m} ${s}`)) problems.push(`${m.toUpperCase()} ${p} is documented but the server has no such route`);
    assert(!problems.length, '\n  ' + problems.join('\n  '));
  });

  await step('REQUESTS call every documented operation', () => {
    const called = new Set(REQUESTS.map(r => `${r.method || 'get'} ${r.path}`));
    const missing = [];
    for (const p of Object.keys(doc.paths))
      for (const m of METHODS)
        if (doc.paths[p][m] && !called.has(`${m} ${p}`)) missing.push(`${m.toUpperCase()} ${p}`);
    const unknown = REQUESTS.filter(r => !(doc.paths[r.path] && doc.paths[r.path][r.method || 'get']));
    assert(!missing.length, `no request in REQUESTS for: ${missing.join(', ')}`);
    assert(!unknown.length, `REQUESTS name undocumented paths: ${unknown.map(r => r.path).join(', ')}`);
  });

  writeFileSync(join(tmp, 'extra.jsonl'), EXTRA);
  const ing = spawnSync(BIN, ['ingest', '--quiet', '--db', db, join(SRC, 'examples'), join(tmp, 'extra.jsonl'),
    join(SRC, 'tests', 'data', 'critics.jsonl')], { encoding: 'utf8' });
  assert(ing.status === 0, `reel ingest examples/: ${ing.status} ${ing.stderr}`);
  server = await startServer();
  const ids = {};
  for (const r of REQUESTS) {
    const method = r.method || 'get';
    let url;
    await step(`${method.toUpperCase()} ${r.path} → ${r.status}: ${typeof r.url === 'string' ? r.url : '(from an earlier answer)'}`, async () => {
      url = typeof r.url === 'function' ? r.url(ids) : r.url;
      const headers = typeof r.headers === 'function' ? r.headers(ids) : r.headers;
      const res = await fetch(server.base + url, { method: method.toUpperCase(), headers, body: r.body, redirect: 'manual' });
      const text = await res.text();
      assert(res.status === r.status, `${url}: status ${res.status}, expected ${r.status}: ${text.slice(0, 300)}`);
      const op = doc.paths[r.path][method];
      const spec = responseOf(op, res.status);
      assert(spec, `${url}: status ${res.status} is not documented for ${method.toUpperCase()} ${r.path}`);
      const type = (res.headers.get('content-type') || '').split(';')[0].trim();
      const content = spec.content || {};
      if (!Object.keys(content).length) {
        assert(!text.length, `${url}: a body where none is documented`);
        if (r.then) await r.then(null, ids, text, res);
        return;
      }
      assert(content[type], `${url}: Content-Type ${type}; documented: ${Object.keys(content).join(', ')}`);
      let body = text;
      if (type === 'application/json') {
        body = JSON.parse(text);
        checkBody(content[type].schema, body, `${method.toUpperCase()} ${url} (${res.status})`);
      }
      for (const h of Object.keys(spec.headers || {}))
        if (h !== 'Retry-After') assert(res.headers.get(h), `${url}: no ${h} header, documented`);
      if (r.then) await r.then(body, ids, text, res);
    });
  }

  await step('a schema check can fail (a report without reception is refused)', () => {
    let threw = false;
    try { checkBody({ $ref: '#/components/schemas/FilmReport' }, { film: {} }, 'broken report'); } catch { threw = true; }
    assert(threw, 'an incomplete report passed its schema');
  });
} catch (e) {
  failed++;
  console.log(`not ok - setup: ${e && e.stack ? e.stack : e}`);
} finally {
  if (server) {
    server.proc.kill('SIGTERM');
    const code = await new Promise(res => server.proc.on('exit', c => res(c)));
    if (code !== 0) { failed++; console.log(`not ok - server exit status ${code}: ${server.stderr()}`); }
  }
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
