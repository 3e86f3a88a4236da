// The parent portal end to end, in Debian's Chromium: a nursery (Acorn's core, in the e2e_nursery program) publishes
// observations and invites a parent; the parent follows the link, sets a password, signs the agreement, records
// photo consent, reads the journal (the photo that shows a child without consent stays out), replies, and adds a home
// observation with a photo; the nursery approves it and answers through sync; the parent sees both. Along the way:
// cookie flags, the Content-Security-Policy, media links that need the session, and no request leaving 127.0.0.1.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { atSizes, launchBrowser, makeTempDir, recordRequestHosts, screenshot, startServer } from './lib/harness.mjs';
import { postgresAvailable, startPostgres } from './lib/postgres.mjs';

const nurseryProgram = process.env.ACORN_E2E_NURSERY;

// What a screen reader and a keyboard need from every page: one h1, every form control named by a label, images
// described, and the skip link first in the tab order, taking the focus to the content.
async function checkAccessible(page, where) {
    const problems = await page.evaluate(() => {
        const found = [];
        if (document.querySelectorAll('h1').length !== 1)
            found.push('not exactly one h1');
        if (!document.documentElement.lang)
            found.push('no lang on <html>');
        for (const control of document.querySelectorAll('input:not([type=hidden]), textarea, select')) {
            const named = control.labels?.length > 0 || control.getAttribute('aria-label');
            if (!named)
                found.push(`unlabelled ${control.tagName.toLowerCase()} ${control.name}`);
        }
        for (const img of document.querySelectorAll('img'))
            if (!img.hasAttribute('alt'))
                found.push(`image without alt: ${img.src}`);
        for (const button of document.querySelectorAll('button'))
            if (!button.textContent.trim() && !button.getAttribute('aria-label'))
                found.push('a button without a name');
        return found;
    });
    assert.deepEqual(problems, [], where);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.className);
    assert.equal(first, 'skip', `${where}: the skip link is the first stop`);
}
const serverBinary = process.env.ACORN_SERVER_BINARY;

function nursery(...args) {
    const out = execFileSync(nurseryProgram, args, {
        env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60000,
    });
    const lines = out.toString().trim().split('\n');
    return JSON.parse(lines[lines.length - 1]);
}

// The same path on both of the server's backends: SQLite in the data folder, and a PostgreSQL 15 cluster the test
// starts itself. Screenshots are taken on the first (they show the same pages).
for (const backend of ['sqlite', 'postgresql']) {
    test(`${backend}: a parent goes from invitation to journal, replies and adds from home; the nursery approves`,
        async (t) => walkThrough(t, backend));
}

async function walkThrough(t, backend) {
    assert.ok(nurseryProgram, 'ACORN_E2E_NURSERY is set by CTest');
    const root = makeTempDir(t);
    const serverDir = path.join(root, 'server');
    const databaseArgs = [];
    if (backend === 'postgresql') {
        assert.ok(postgresAvailable(), 'PostgreSQL 15 is installed by scripts/bootstrap');
        databaseArgs.push('--database', startPostgres(t).url);
    }
    const created = execFileSync(serverBinary,
        ['--data-dir', serverDir, ...databaseArgs, 'create-setting', 'Hazel Lane Test Nursery']).toString();
    const code = created.match(/enrolment_code: (\S+)/)[1];
    const server = await startServer({ dataDir: serverDir, extraArgs: databaseArgs });
    const health = await (await fetch(`${server.url}/health`)).json();
    assert.equal(health.database, backend);
    const shoot = backend === 'sqlite' ? screenshot : async () => null;
    const sized = backend === 'sqlite' ? atSizes : async () => null;
    t.after(() => server.stop());

    const made = nursery('setup', path.join(root, 'nursery'), server.url, code);
    const photoFile = path.join(root, 'home-photo.png');
    nursery('photo', photoFile);
    assert.ok(made.link.startsWith(`${server.url}/portal/accept?code=`), made.link);

    const browser = await launchBrowser();
    t.after(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const hosts = recordRequestHosts(context);
    const page = await context.newPage();
    // Script errors, and answers other than the ones this test provokes on purpose (the refused password: 400).
    const consoleErrors = [];
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
            consoleErrors.push(message.text());
    });
    const unexpected = [];
    page.on('response', (r) => {
        if (r.status() >= 400 && !(r.status() === 400 && r.url().endsWith('/portal/accept')))
            unexpected.push(`${r.status()} ${r.url()}`);
    });

    // The invitation: a password that is too common is refused, then a good one.
    let response = await page.goto(made.link);
    assert.equal(response.status(), 200);
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    await shoot(page, 'portal-1-invitation-phone');
    await checkAccessible(page, 'invitation page');
    await page.getByLabel('E-mail address').fill('rosa@example.invalid');
    await page.getByLabel('New password').fill('password1234');
    await page.getByLabel('The same password again').fill('password1234');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /common|password/i);
    await page.getByRole('link', { name: 'Try again' }).click();
    await page.getByLabel('E-mail address').fill('rosa@example.invalid');
    await page.getByLabel('New password').fill('kettle orchard lantern sparrow');
    await page.getByLabel('The same password again').fill('kettle orchard lantern sparrow');
    await page.getByRole('button', { name: 'Continue' }).click();

    // The session cookie: __Host-, Secure, HttpOnly, SameSite.
    await page.waitForURL(/\/portal\/agreement$/);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === '__Host-acorn-session');
    assert.ok(session, JSON.stringify(cookies));
    assert.equal(session.httpOnly, true);
    assert.equal(session.secure, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(session.path, '/');

    // Nothing of the journal before the agreement is signed.
    response = await page.goto(`${server.url}/portal/journal`);
    assert.match(page.url(), /\/portal\/agreement$/);
    assert.match(await page.locator('main').innerText(), /download, copy or share/);
    await sized(page, async (size) => screenshot(page, `portal-2-agreement-${size.name}`));
    await checkAccessible(page, 'agreement page');
    await page.getByLabel('I agree not to download, copy or share anything from the journal.').check();
    await page.getByLabel('Type your full name to sign').fill('Rosa Example');
    await page.getByRole('button', { name: 'Sign the agreement' }).click();

    // Cal's photo consent was not recorded: the parent is asked before the journal opens.
    await page.waitForURL(/\/portal\/consent$/);
    await shoot(page, 'portal-3-consent-phone');
    await checkAccessible(page, 'consent page');
    await page.getByLabel(/Yes: photos with Cal/).check();
    await page.getByRole('button', { name: 'Save and open the journal' }).click();

    // The journal: Cal's published observation with one photo (the one that also shows Ben, whose parents said no,
    // stays out); nothing of Ben's, nothing staff-only.
    await page.waitForURL(/\/portal\/journal/);
    const main = page.locator('main');
    assert.match(await page.locator('h1').innerText(), /Cal's journal/);
    assert.match(await page.locator('header').innerText(), /Hazel Lane Test Nursery/);
    assert.match(await main.innerText(), /Cal built a tower of nine blocks/);
    assert.match(await main.innerText(), /Try counting backwards from ten/);
    assert.doesNotMatch(await main.innerText(), /Ben painted/);
    assert.doesNotMatch(await main.innerText(), /Staff only/);
    const images = page.locator(`#o-${made.tower.id} img`);
    assert.equal(await images.count(), 1);
    const src = await images.first().getAttribute('src');
    assert.ok(src.includes(made.tower.media[0]), src);
    assert.ok(!(await page.content()).includes(made.tower.media[1]), 'the photo with Ben never reaches the page');
    await images.first().scrollIntoViewIfNeeded();
    await page.waitForFunction((selector) => {
        const img = document.querySelector(selector);
        return img && img.complete && img.naturalWidth > 0;
    }, `#o-${made.tower.id} img`);
    await sized(page, async (size) => screenshot(page, `portal-4-journal-${size.name}`));
    await checkAccessible(page, 'journal page');

    // The photo is served inline, never cached, and only with the session.
    const photo = await page.request.get(`${server.url}${src}`);
    assert.equal(photo.status(), 200);
    assert.equal(photo.headers()['content-type'], 'image/jpeg');
    assert.equal(photo.headers()['content-disposition'], 'inline');
    assert.equal(photo.headers()['cache-control'], 'no-store');
    const stranger = await browser.newContext();
    const anonymous = await stranger.request.get(`${server.url}${src}`, { maxRedirects: 0 });
    assert.equal(anonymous.status(), 404);
    await stranger.close();
    // Another child's id in the address shows nothing of that child.
    await page.goto(`${server.url}/portal/journal?child=${made.other_child_id}`);
    assert.doesNotMatch(await main.innerText(), /Ben painted/);

    // A reply under the observation; text that looks like markup stays text.
    await page.goto(`${server.url}/portal/journal`);
    // By keyboard alone: focus the reply box, type, Tab to the button, Enter.
    await page.getByLabel('Reply to the nursery').focus();
    await page.keyboard.type('He does this at home too! <script>alert(1)</script>');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Send reply');
    // The address stays /portal/journal, so wait for the answer page itself (the reply on it), not for the URL.
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.locator('.replies', { hasText: 'He does this at home too!' }).waitFor();
    assert.match(await main.innerText(), /He does this at home too! <script>alert\(1\)<\/script>/);
    assert.equal(await page.locator('main script').count(), 0);

    // A home observation with a photo: awaiting the nursery. The photo goes up in resumable chunks (portal.js); the
    // first chunk's connection is dropped, as on a weak signal, and the upload carries on by itself.
    let chunkTries = 0;
    await page.route('**/portal/uploads/*/chunks/*', async (route) => {
        chunkTries += 1;
        if (chunkTries === 1)
            await route.abort('connectionreset');
        else
            await route.continue();
    });
    await page.getByRole('link', { name: 'Add from home' }).click();
    await checkAccessible(page, 'add page');
    await page.getByLabel('What happened?').fill('Cal planted beans in the garden and watered them.');
    await page.getByLabel('Photos or videos (optional)').setInputFiles(photoFile);
    await page.getByRole('button', { name: 'Send to the nursery' }).click();
    await page.waitForURL(/\/portal\/mine/);
    assert.ok(chunkTries >= 2, `the dropped chunk was sent again (${chunkTries} tries)`);
    await page.unroute('**/portal/uploads/*/chunks/*');
    assert.match(await main.innerText(), /Awaiting the nursery/);
    assert.match(await main.innerText(), /Cal planted beans/);
    await sized(page, async (size) => screenshot(page, `portal-5-mine-${size.name}`));
    await checkAccessible(page, 'what I added page');

    // The nursery approves it and answers the reply, through sync.
    const approved = nursery('approve', path.join(root, 'nursery'));
    assert.equal(approved.approved.length, 1, JSON.stringify(approved));
    assert.equal(approved.answered.length, 1, JSON.stringify(approved));
    assert.equal(approved.media_still_to_fetch, 0, 'the nursery got the parent\'s photo');

    await page.getByRole('link', { name: 'Journal' }).click();
    await page.waitForURL(/\/portal\/journal/);
    await page.getByText('Thank you for telling us!').waitFor();
    const text = await main.innerText();
    assert.match(text, /Cal planted beans/);
    assert.match(text, /Thank you for telling us!/);
    const homeEntry = page.locator('article', { hasText: 'Cal planted beans' });
    assert.equal(await homeEntry.locator('img').count(), 1);
    await homeEntry.locator('img').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => [...document.querySelectorAll('article img')].every((i) => i.complete && i.naturalWidth > 0));
    await sized(page, async (size) => screenshot(page, `portal-6-journal-after-${size.name}`));

    // Signing out ends the session on the server: the old cookie opens nothing.
    const oldCookie = (await context.cookies()).find((c) => c.name === '__Host-acorn-session');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/portal\/sign-in/);
    const replayed = await browser.newContext();
    await replayed.addCookies([{ ...oldCookie }]);
    const replayPage = await replayed.newPage();
    await replayPage.goto(`${server.url}/portal/journal`);
    assert.match(replayPage.url(), /\/portal\/sign-in/);
    await replayed.close();

    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(unexpected, []);
    assert.deepEqual([...hosts], [`127.0.0.1:${server.port}`]);
}
