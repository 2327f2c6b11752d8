/*
 * The reference web client's core flows in Chromium against drec
 * (docs/clients.md §4); run by tests/browser/run.sh.
 *
 * The client is served from inside the browser (request interception) as
 * http://localhost:4200, the local stack's default allowed CORS origin,
 * with its compiled-in API_URL replaced by DREC_BASE_URL/api/: its API
 * calls cross origins, with real preflights, to nginx.  The data each
 * flow needs is created through the API first (fetch), then the flow
 * drives the screens.  A flow fails when its expected text does not show,
 * when an API call it made answered >= 400 or failed (a CORS refusal is
 * a failed request), or when the page threw.
 *
 * The account flows (invitation, forgot/reset password) follow the link of
 * the mail that drec sent.  Mail is read from the files of an SMTP sink
 * (tests/mail/sink.py: N.json, decoded), as the integration suites do:
 * DREC_MAIL_DIR names the directory of a sink that a running mailer
 * delivers to (scripts/run: var/mail, drecctl mail --every 5); without it
 * the check starts its own sink on a free loopback port in 2580-2599 and
 * delivers with `$DREC_DRECCTL mail --flush` (scripts/test's stack, which
 * runs no mailer).  DREC_BROWSER_SHOTS=1 keeps a screenshot of each key
 * screen of those flows (account-*.png in the screenshot directory).
 */
'use strict';

const fs = require('fs');
const path = require('path');
const net = require('net');
const child = require('child_process');
const puppeteer = require('puppeteer-core');

const BASE = (process.env.DREC_BASE_URL || '').replace(/\/+$/, '');
const DIST = process.env.DREC_UI_DIST;
const ADMIN = process.env.DREC_ADMIN_EMAIL || 'admin@drec.test';
const ADMIN_PW = process.env.DREC_ADMIN_PASSWORD || 'Adm1nPass';
const SHOTS = process.env.DREC_SHOT_DIR || '.';
const UI = 'http://localhost:4200';
const PW = 'Passw0rd1';
const PW2 = 'N3wPassw0rd';
const TIMEOUT = 20000;
const TAG = Date.now().toString(36);

const TYPES = {
  '.html': 'text/html', '.js': 'application/javascript',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.json': 'application/json',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/* The built files, main*.js with API_URL pointing at the stack. */
function loadFile(rel) {
  let f = path.join(DIST, rel);
  if (!f.startsWith(path.resolve(DIST)) || !fs.existsSync(f) ||
      fs.statSync(f).isDirectory())
    f = path.join(DIST, 'index.html');   /* the client's own routes */
  let body = fs.readFileSync(f);
  if (/^main.*\.js$/.test(path.basename(f)))
    body = Buffer.from(body.toString('utf8').replace(
        /API_URL:\s*(['"])[^'"]*\1/g, `API_URL: "${BASE}/api/"`));
  return { body, type: TYPES[path.extname(f)] || 'application/octet-stream' };
}

async function api(method, p, token, body) {
  const h = { 'Content-Type': 'application/json' };
  if (token) h.Authorization = 'Bearer ' + token;
  const r = await fetch(BASE + p, { method, headers: h,
    body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) { /* CSV, empty */ }
  return { status: r.status, json, text };
}

async function must(method, p, token, body, want) {
  const r = await api(method, p, token, body);
  if (r.status !== want)
    throw new Error(`setup: ${method} ${p} answered ${r.status}, not ${want}: ${r.text.slice(0, 300)}`);
  return r.json;
}

async function login(email, pw) {
  return (await must('POST', '/api/auth/login', null,
    { username: email, password: pw }, 200)).accessToken;
}

async function register(type) {
  const email = `ui-${type.toLowerCase()}-${TAG}@drec.test`;
  const org = await must('POST', '/api/user/register', null, {
    firstName: 'Ui', lastName: type, email, organizationType: type,
    password: PW, confirmPassword: PW, orgName: `Ui ${type} ${TAG}`,
  }, 201);
  return { email, org: org.organization.id, token: await login(email, PW) };
}

/* ---------------------------------------------------------------- mail */

const mail = { dir: process.env.DREC_MAIL_DIR || '', own: null, url: '' };

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function portOpen(port) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => { c.destroy(); resolve(true); });
    c.once('error', () => resolve(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* Without DREC_MAIL_DIR: our own sink, delivered to by drecctl mail. */
async function mailStart() {
  if (mail.dir) {
    if (!fs.existsSync(mail.dir))
      throw new Error(`DREC_MAIL_DIR=${mail.dir} does not exist`);
    return;
  }
  if (!process.env.DREC_DRECCTL)
    throw new Error('set DREC_MAIL_DIR (a sink that a mailer delivers to, ' +
      'scripts/run: var/mail) or DREC_DRECCTL (drecctl of the stack)');
  let port = 2580;
  while (port < 2600 && !(await portFree(port))) port++;
  if (port >= 2600) throw new Error('no free port in 2580-2599 for the mail sink');
  mail.dir = path.join(process.env.DREC_VAR_DIR || SHOTS, `browser-mail-${TAG}`);
  fs.mkdirSync(mail.dir, { recursive: true });
  const root = path.resolve(__dirname, '..', '..');
  mail.own = child.spawn('/usr/bin/python3', [path.join(root, 'tests/mail/sink.py'),
    '--port', String(port), '--dir', mail.dir], { stdio: 'ignore' });
  mail.url = `smtp://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await portOpen(port)); i++) await sleep(100);
  if (!(await portOpen(port)))
    throw new Error('the mail sink did not start (python3-aiosmtpd missing?)');
}

function mailStop() {
  if (mail.own) mail.own.kill('SIGTERM');
}

/* One mailer pass to our sink (scripts/test); a running mailer needs none. */
function mailDeliver() {
  if (!mail.own) return;
  const argv = process.env.DREC_DRECCTL.trim().split(/\s+/);
  const envs = {};
  while (argv[0] === 'env' || /^[A-Z_]+=/.test(argv[0] || '')) {
    const a = argv.shift();
    if (a !== 'env') envs[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
  }
  const r = child.spawnSync(argv[0], [...argv.slice(1), 'mail', '--flush'], {
    env: { ...process.env, ...envs, DREC_SMTP_URL: mail.url,
      DREC_SMTP_TIMEOUT_S: '5' },
    encoding: 'utf8', timeout: 90000 });
  if (r.status !== 0)
    throw new Error(`drecctl mail exited ${r.status}: ${(r.stderr || '').slice(0, 300)}`);
}

/* The decoded body of the newest sink message to `to` whose subject
 * contains subj, waiting for it (a mailer runs every 5 s). */
async function waitMail(to, subj) {
  const end = Date.now() + 45000;
  for (;;) {
    mailDeliver();
    const found = [];
    for (const f of fs.readdirSync(mail.dir)) {
      if (!/^\d+\.json$/.test(f)) continue;
      let m;
      try { m = JSON.parse(fs.readFileSync(path.join(mail.dir, f), 'utf8')); } catch (e) { continue; }
      if ((m.rcptTo || []).some((r) => r.replace(/[<>]/g, '').toLowerCase() === to) &&
          m.subject.includes(subj))
        found.push([parseInt(f, 10), m]);
    }
    if (found.length)
      return found.sort((a, b) => b[0] - a[0])[0][1];
    if (Date.now() > end)
      throw new Error(`no mail to ${to} with "${subj}" in ${mail.dir}`);
    await sleep(1000);
  }
}

/* The web client link a mail carries, for page (reset-password, …). */
function mailLink(m, page) {
  const re = new RegExp(`https?://[^\\s]+/${page}\\?token=[0-9a-f]{64}[^\\s]*`);
  const hit = m.body.match(re);
  if (!hit) throw new Error(`mail "${m.subject}" has no ${page} link`);
  return hit[0];
}

async function shot(page, name) {
  if (!process.env.DREC_BROWSER_SHOTS) return;
  await sleep(700);   /* animations, toasts */
  await page.screenshot({ path: path.join(SHOTS, `account-${name}.png`) });
}

/* ---------------------------------------------------------------- browser */

let browser;

/* A fresh profile with the client served locally; calls are recorded. */
async function newPage(log) {
  const ctx = await browser.createBrowserContext();
  const page = await ctx.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(UI + '/')) return req.continue();
    const f = loadFile(decodeURIComponent(new URL(u).pathname));
    return req.respond({ status: 200, contentType: f.type, body: f.body });
  });
  page.on('response', (res) => {
    const u = res.url();
    if (u.startsWith(BASE + '/api') && res.request().method() !== 'OPTIONS')
      log.calls.push(`${res.request().method()} ${u.slice(BASE.length)} ${res.status()}`);
    if (u.startsWith(BASE + '/api') && res.status() >= 400 &&
        res.request().method() !== 'OPTIONS')
      log.bad.push(`${res.request().method()} ${u.slice(BASE.length)} -> ${res.status()}`);
  });
  page.on('requestfailed', (req) => {
    if (req.url().startsWith(BASE))
      log.bad.push(`${req.method()} ${req.url().slice(BASE.length)} failed: ${req.failure() && req.failure().errorText}`);
  });
  page.on('pageerror', (e) => log.bad.push('page error: ' + String(e).slice(0, 300)));
  return { ctx, page };
}

async function uiLogin(page, email, pw, landing) {
  await page.goto(UI + '/login', { waitUntil: 'networkidle0' });
  await page.waitForSelector('input[formcontrolname=username]');
  await page.type('input[formcontrolname=username]', email);
  await page.type('input[formcontrolname=password]', pw);
  await page.click('button[type=submit]');
  await page.waitForFunction((l) => location.pathname.startsWith(l),
    {}, landing);
}

/* text shows (textContent: CSS text-transform does not change it). */
async function waitText(page, text) {
  await page.waitForFunction((t) => document.body.textContent.includes(t),
    {}, text);
}

async function go(page, route) {
  await page.evaluate((r) => { history.pushState({}, '', r); }, route);
  /* Angular's router listens to popstate: navigate through it. */
  await page.evaluate(() => window.dispatchEvent(new PopStateEvent('popstate')));
}

/* ---------------------------------------------------------------- flows */

const st = {};

const flows = [
  ['login as a Developer: device list', async (page) => {
    await uiLogin(page, st.dev.email, PW, '/device/AllList');
    await waitText(page, st.devExt);
  }],
  ['add a device through the form (SDGBenefits FormControl)', async (page, log) => {
    const ext = `UI-Form-${TAG}`;
    await uiLogin(page, st.dev.email, PW, '/device/AllList');
    await go(page, '/device/add');
    await page.waitForSelector('input[formcontrolname=externalId]');
    await page.type('input[formcontrolname=externalId]', ext);
    await page.type('input[formcontrolname=address]', '2 Form Road');
    await page.type('input[formcontrolname=latitude]', '12.97');
    await page.type('input[formcontrolname=longitude]', '77.59');
    await page.type('input[formcontrolname=capacity]', '5');
    await page.type('input[formcontrolname=countryCodename]', 'India');
    await clickText(page, 'mat-option', 'India');
    await noOptions(page);
    for (const sel of ['fuelCode', 'deviceTypeCode']) {
      await page.click(`mat-select[formcontrolname=${sel}]`);
      await page.waitForFunction(() => [...document.querySelectorAll('mat-option')]
        .some((e) => e.offsetParent !== null));
      await page.evaluate(() => [...document.querySelectorAll('mat-option')]
        .find((e) => e.offsetParent !== null).click());
      await noOptions(page);
    }
    /* No SDG picked: the form posts its FormControl (clients.md §5.6). */
    const post = page.waitForRequest((r) => r.method() === 'POST' &&
      r.url() === BASE + '/api/device');
    await page.click('button[type=submit]');
    const sdg = JSON.parse((await post).postData()).SDGBenefits;
    if (!Array.isArray(sdg) || typeof sdg[0] !== 'object' || !('status' in sdg[0]))
      throw new Error('the form did not post a FormControl: ' + JSON.stringify(sdg));
    await page.waitForFunction(() => location.pathname === '/device/AllList');
    if (!log.calls.some((c) => /^POST \/api\/device 201$/.test(c)))
      throw new Error('no 201 from POST /api/device');
    await waitText(page, ext);
  }],
  ['device edit form (device/externalId lookup)', async (page) => {
    await uiLogin(page, st.dev.email, PW, '/device/AllList');
    await go(page, `/device/edit/${encodeURIComponent(st.devExt)}`);
    await page.waitForFunction((v) => [...document.querySelectorAll('input')]
      .some((i) => i.value === v), {}, st.devExt);
  }],
  ['register a Buyer organization through the form', async (page, log) => {
    const email = `ui-form-${TAG}@drec.test`;
    await page.goto(UI + '/register', { waitUntil: 'networkidle0' });
    await page.type('input[formcontrolname=firstName]', 'Form');
    await page.type('input[formcontrolname=lastName]', 'Buyer');
    await page.type('input[formcontrolname=email]', email);
    await clickText(page, 'button', 'Next');
    await page.waitForSelector('mat-select[formcontrolname=organizationType]', { visible: true });
    await page.click('mat-select[formcontrolname=organizationType]');
    await clickText(page, 'mat-option', 'Buyer');
    await page.type('input[formcontrolname=orgName]', `Ui Form ${TAG}`);
    await page.type('input[formcontrolname=orgAddress]', '1 Form Street');
    /* The step's own Next: the first step's is hidden once its
     * animation ends, visible before. */
    await page.waitForFunction(() => [...document.querySelectorAll('button')]
      .filter((e) => e.offsetParent !== null && e.innerText.trim() === 'Next').length === 1);
    await clickText(page, 'button', 'Next');
    await page.waitForSelector('input[formcontrolname=password]', { visible: true });
    await page.type('input[formcontrolname=password]', PW);
    await page.type('input[formcontrolname=confirmPassword]', PW);
    await clickText(page, 'button', 'Submit');
    await page.waitForFunction(() => !location.pathname.startsWith('/register'));
    if (!log.calls.some((c) => /^POST \/api\/user\/register 201$/.test(c)))
      throw new Error('no 201 from POST /api/user/register');
    await login(email, PW);
  }],
  ['login as a Buyer: reservations, catalogue', async (page) => {
    await uiLogin(page, st.buy.email, PW, '/myreservation');
    await waitText(page, st.resName);
    await go(page, '/add/reservation');
    await waitText(page, st.devExt2);
  }],
  ['reserve a catalogue device through the form', async (page, log) => {
    const name = `UI Form Reservation ${TAG}`;
    await uiLogin(page, st.buy.email, PW, '/myreservation');
    await go(page, '/add/reservation');
    await waitText(page, st.devExt2);
    await page.type('input[formcontrolname=name]', name);
    await page.type('input[formcontrolname=targetCapacityInMegaWattHour]', '1');
    /* The date-time pickers through the component (Angular's development
     * build exposes window.ng); typing into them depends on the locale. */
    await page.evaluate((s, e) => {
      const c = window.ng.getComponent(document.querySelector('app-add-reservation'));
      c.reservationForm.patchValue({ reservationStartDate: new Date(s),
        reservationEndDate: new Date(e) });
      window.ng.applyChanges(c);
    }, Date.now() + 86400000, Date.now() + 10 * 86400000);
    await page.click('mat-select[formcontrolname=frequency]');
    await clickText(page, 'mat-option', 'daily');
    await noOptions(page);
    await page.evaluate((ext) => {
      const row = [...document.querySelectorAll('tr')]
        .find((r) => r.textContent.includes(ext));
      row.querySelector('mat-checkbox input').click();
    }, st.devExt2);
    await page.click('button[type=submit]');
    await clickText(page, 'button', 'Continue');
    await page.waitForFunction(() => location.pathname === '/myreservation');
    if (!log.calls.some((c) => /^POST \/api\/buyer-reservation 201$/.test(c)))
      throw new Error('no 201 from POST /api/buyer-reservation');
    await waitText(page, name);
  }],
  ['certificate page (blockchain-properties, certified/new)', async (page) => {
    await uiLogin(page, st.buy.email, PW, '/myreservation');
    const certs = page.waitForResponse((r) => r.request().method() === 'GET' &&
      r.url().includes('/api/certificate-log/issuer/certified/new/' + st.resUid));
    await go(page, `/certificate?id=${st.resId}&group_uid=${st.resUid}`);
    await waitText(page, st.resName);
    const body = await (await certs).json();
    if (!body.certificatelog || body.certificatelog.length !== 1)
      throw new Error('certified/new: not the one certificate of the setup');
    /* The list shows the certificate's device. */
    await waitText(page, st.devExt);
  }],
  ['Organization/me page', async (page) => {
    await uiLogin(page, st.dev.email, PW, '/device/AllList');
    await go(page, '/organization/my/information');
    await waitText(page, `Ui Developer ${TAG}`);
  }],
  ['redemption report', async (page) => {
    await uiLogin(page, st.buy.email, PW, '/myreservation');
    await go(page, '/redemption-report');
    await page.waitForResponse((r) => r.request().method() === 'GET' &&
      r.url().includes('/api/certificate-log/redemption-report'));
  }],
  ['login as Admin: all devices (GET /api/device)', async (page) => {
    await uiLogin(page, ADMIN, ADMIN_PW, '/admin/All_devices');
    await waitText(page, st.devExt);
  }],
  /* The page lists the ApiUser organizations only (it always sends
   * organizationType=ApiUser; integrators.md): the table shows what the
   * answer holds. */
  ['Admin: all organizations', async (page) => {
    await uiLogin(page, ADMIN, ADMIN_PW, '/admin/All_devices');
    const list = page.waitForResponse((r) => r.request().method() === 'GET' &&
      /\/api\/admin\/organizations\?.*organizationType=ApiUser/.test(r.url()));
    await go(page, '/admin/All_organization');
    const orgs = (await (await list).json()).organizations;
    if (orgs.some((o) => o.organizationType !== 'ApiUser'))
      throw new Error('organizationType=ApiUser listed another type');
    await waitText(page, orgs.length ? orgs[0].name : 'No Organization found');
  }],
  /* accounts.md §5: the manager invites, the invitee chooses a password
   * through the mailed link (the acceptance, §5.7), then logs in. */
  ['invite a member (/organization/user/invitation)', async (page, log) => {
    st.invitee = `ui-invitee-${TAG}@drec.test`;
    await uiLogin(page, st.dev.email, PW, '/device/AllList');
    await go(page, '/organization/user/invitation');
    await page.waitForSelector('input[formcontrolname=email]', { visible: true });
    await page.type('input[formcontrolname=firstName]', 'Invited');
    await page.type('input[formcontrolname=lastName]', 'Member');
    await page.type('input[formcontrolname=email]', st.invitee);
    await page.click('mat-select[formcontrolname=role]');
    await clickText(page, 'mat-option', 'DeviceOwner');
    await noOptions(page);
    await shot(page, '1-invite-form');
    const post = page.waitForResponse((r) => r.request().method() === 'POST' &&
      r.url() === BASE + '/api/invitation');
    await page.click('button[type=submit]');
    if ((await post).status() !== 201)
      throw new Error(`POST /api/invitation answered ${(await post).status()}`);
    /* The page switches to its Invitation tab: Organization/me's list. */
    await page.waitForFunction((e) => [...document.querySelectorAll('tr')]
      .some((r) => r.offsetParent !== null && r.textContent.includes(e) &&
        r.textContent.includes('Pending')), {}, st.invitee);
    await shot(page, '2-invite-list');
  }],
  ['invitee: mailed link, reset-password page, login', async (page, log) => {
    if (!st.invitee) throw new Error('no invitation (the previous flow failed)');
    const m = await waitMail(st.invitee, 'invited you to');
    const link = mailLink(m, 'reset-password');
    if (!link.startsWith(UI + '/'))
      throw new Error(`the link ${link} is not the client's origin ${UI} (ui_base_url)`);
    await page.goto(link, { waitUntil: 'networkidle0' });
    await page.waitForSelector('input[formcontrolname=newPassword]', { visible: true });
    await page.waitForFunction((e) => [...document.querySelectorAll('input')]
      .some((i) => i.value === e), {}, st.invitee);
    await page.type('input[formcontrolname=newPassword]', PW2);
    await page.type('input[formcontrolname=confirmPassword]', PW2);
    await shot(page, '3-invitee-reset-password');
    const put = page.waitForResponse((r) => r.request().method() === 'PUT' &&
      r.url().includes('/api/user/reset/password/'));
    await page.click('button[type=submit]');
    if ((await put).status() !== 200)
      throw new Error(`PUT user/reset/password answered ${(await put).status()}`);
    await page.waitForFunction(() => location.pathname === '/login');
    await uiLogin(page, st.invitee, PW2, '/device/AllList');
    await waitText(page, st.devExt);       /* the organization's devices */
    await shot(page, '4-invitee-devices');
    const me = await must('GET', '/api/user/me', await login(st.invitee, PW2), null, 200);
    if (me.status !== 'Active' || me.role !== 'DeviceOwner' ||
        !me.organization || me.organization.id !== st.dev.org)
      throw new Error('the invitee is not an Active DeviceOwner of the organization: ' +
        JSON.stringify({ status: me.status, role: me.role }));
    const inv = await must('GET', '/api/invitation', st.dev.token, null, 200);
    const mine = inv.invitations.find((i) => i.email === st.invitee);
    if (!mine || mine.status !== 'Accepted')
      throw new Error('the invitation is not Accepted: ' + JSON.stringify(mine));
  }],
  /* accounts.md §4: forgot password from the login page, the mailed link,
   * the new password. */
  ['forgot password, mailed link, reset-password page, login', async (page, log) => {
    await page.goto(UI + '/login', { waitUntil: 'networkidle0' });
    await clickText(page, 'a', 'Forgot Password');
    await page.waitForFunction(() => location.pathname === '/forgot-password');
    await page.waitForSelector('input[formcontrolname=email]', { visible: true });
    await page.type('input[formcontrolname=email]', st.fp.email);
    await shot(page, '5-forgot-password');
    await page.click('button[type=submit]');
    await waitText(page, 'If this address belongs to an account, a password reset link has been sent to it');
    await shot(page, '6-forgot-password-sent');
    const m = await waitMail(st.fp.email, 'Reset your password');
    const link = mailLink(m, 'reset-password');
    if (!link.startsWith(UI + '/'))
      throw new Error(`the link ${link} is not the client's origin ${UI} (ui_base_url)`);
    await page.goto(link, { waitUntil: 'networkidle0' });
    await page.waitForSelector('input[formcontrolname=newPassword]', { visible: true });
    await page.type('input[formcontrolname=newPassword]', PW2);
    await page.type('input[formcontrolname=confirmPassword]', PW2);
    await shot(page, '7-reset-password');
    const put = page.waitForResponse((r) => r.request().method() === 'PUT' &&
      r.url().includes('/api/user/reset/password/'));
    await page.click('button[type=submit]');
    if ((await put).status() !== 200)
      throw new Error(`PUT user/reset/password answered ${(await put).status()}`);
    await page.waitForFunction(() => location.pathname === '/login');
    await uiLogin(page, st.fp.email, PW2, '/device/AllList');
    await shot(page, '8-login-new-password');
    const old = await api('POST', '/api/auth/login', null,
      { username: st.fp.email, password: PW });
    if (old.status !== 401)
      throw new Error(`the old password still logs in (${old.status})`);
    /* The link is used: a second reset is refused. */
    const again = await api('PUT', '/api/user/reset/password/' +
      new URL(link).searchParams.get('token'), null, { newPassword: PW });
    if (again.status !== 400)
      throw new Error(`the used link answered ${again.status}, not 400`);
  }],
];

/* Waits until no option panel shows (its closing animation ended). */
async function noOptions(page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('mat-option')]
    .some((e) => e.offsetParent !== null));
}

/* Clicks the (n-th visible) element tag whose text is text. */
async function clickText(page, tag, text, n = 0) {
  await page.waitForFunction((t, x, k) => [...document.querySelectorAll(t)]
    .filter((e) => e.offsetParent !== null && e.innerText.trim() === x).length > k,
    {}, tag, text, n);
  await page.evaluate((t, x, k) => [...document.querySelectorAll(t)]
    .filter((e) => e.offsetParent !== null && e.innerText.trim() === x)[k].click(),
    tag, text, n);
}

async function setup() {
  const admin = await login(ADMIN, ADMIN_PW);
  await must('PUT', '/api/test/clock', admin, { now: null }, 200);
  st.dev = await register('Developer');
  st.buy = await register('Buyer');
  st.fp = { email: `ui-forgot-${TAG}@drec.test` };
  await must('POST', '/api/user/register', null, {
    firstName: 'Ui', lastName: 'Forgot', email: st.fp.email,
    organizationType: 'Developer', password: PW, confirmPassword: PW,
    orgName: `Ui Forgot ${TAG}`,
  }, 201);
  const dev = (ext) => must('POST', '/api/device', st.dev.token, {
    externalId: ext, address: '1 Browser Road', latitude: '12.97',
    longitude: '77.59', countryCode: 'IN', fuelCode: 'ES100',
    deviceTypeCode: 'TC110', capacity: 10, commissioningDate: '2024-01-01',
    offTaker: 'School', SDGBenefits: [{ status: 'VALID', value: ['SDG7'] }],
  }, 201);
  st.devExt = `UI-Dev-${TAG}`;
  st.devExt2 = `UI-Cat-${TAG}`;
  const d1 = await dev(st.devExt);
  await dev(st.devExt2);
  const now = Date.now();
  st.resName = `UI Reservation ${TAG}`;
  const r = await must('POST', '/api/buyer-reservation', st.buy.token, {
    name: st.resName, deviceIds: [d1.id], targetCapacityInMegaWattHour: 1,
    reservationStartDate: new Date(now - 7 * 86400000).toISOString(),
    reservationEndDate: new Date(now + 30 * 86400000).toISOString(),
    frequency: 'daily', authorityToExceed: true,
    continueWithReservationIfTargetCapacityIsLessThanDeviceTotalCapacityBetweenDuration: true,
  }, 201);
  st.resUid = r.devicegroup_uid;
  st.resId = r.id;
  /* One certificate: a History read before onboarding, one pass. */
  const h = (ms) => new Date(ms).toISOString();
  await must('POST', `/api/meter-reads/new/${d1.id}`, st.dev.token, {
    type: 'History', unit: 'Wh', reads: [{ starttimestamp: h(now - 3 * 86400000),
      endtimestamp: h(now - 2 * 86400000), value: 1000 }],
  }, 201);
  await must('POST', '/api/drec-issuer/run', admin, {}, 200);
}

async function main() {
  await setup();
  await mailStart();
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-dev-shm-usage',
      /* The page is served by interception, which Chromium cannot place
       * in the loopback address space: its Local Network Access check
       * would block every call to the stack on 127.0.0.1. */
      '--disable-features=LocalNetworkAccessChecks'],
  });
  let failed = 0;
  for (const [name, fn] of flows) {
    const log = { bad: [], calls: [] };
    const { ctx, page } = await newPage(log);
    let err = null;
    try {
      await fn(page, log);
      await new Promise((r) => setTimeout(r, 500));   /* late calls */
    } catch (e) {
      err = e;
    }
    if (err || log.bad.length) {
      failed++;
      const shot = path.join(SHOTS, `browser-${flows.findIndex((f) => f[0] === name)}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      console.log(`FAIL: ${name}${err ? ': ' + String(err.message || err).split('\n')[0] : ''}`);
      for (const b of log.bad) console.log(`      ${b}`);
      console.log(`      at ${page.url()} (screenshot ${shot})`);
    } else {
      console.log(`ok:   ${name} (${log.calls.length} API calls)`);
    }
    if (process.env.DREC_BROWSER_VERBOSE)
      for (const c of log.calls) console.log(`      ${c}`);
    await ctx.close();
  }
  await browser.close();
  mailStop();
  console.log(`${flows.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log('FAIL: ' + (e.stack || e));
  mailStop();
  if (browser) browser.close();
  process.exit(1);
});
