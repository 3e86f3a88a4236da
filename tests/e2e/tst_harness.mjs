// The harness itself, end to end: a real acorn-server on a free port, Debian's Chromium opening its /health page, a
// clean SIGTERM shutdown, and not one request from the browser to anywhere but the server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atSizes, launchBrowser, makeTempDir, recordRequestHosts, screenshot, startServer } from './lib/harness.mjs';

test('Chromium reads acorn-server /health; the server stops cleanly on SIGTERM', async (t) => {
    // acorn-server serves without any setting (create-setting is for devices enrolling), so an empty folder will do.
    const dataDir = makeTempDir(t);
    const server = await startServer({ dataDir });
    t.after(() => server.stop());
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(server.port, 0);

    const browser = await launchBrowser();
    t.after(() => browser.close());
    const context = await browser.newContext();
    const hosts = recordRequestHosts(context);
    const page = await context.newPage();

    const response = await page.goto(`${server.url}/health`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /^application\/json/);
    // What Chromium rendered, not only what came over the wire.
    const health = JSON.parse(await page.locator('body').innerText());
    assert.equal(health.status, 'ok');
    assert.equal(health.database, 'sqlite');

    const shots = [];
    await atSizes(page, async (size) => {
        assert.equal(await page.evaluate(() => window.innerWidth), size.width);
        shots.push(await screenshot(page, `harness-health-${size.name}`));
    });
    assert.equal(shots.length, 2);
    if (process.env.ACORN_SCREENSHOT_DIR)
        assert.ok(shots.every((file) => file?.endsWith('.png')), `screenshots: ${shots}`);
    await browser.close();

    // SIGTERM is a graceful shutdown (ServerApp::shutdown): exit code 0, not death by the signal.
    assert.deepEqual(await server.stop(), { code: 0, signal: null });
    assert.ok(server.log.some((line) => line.includes('"message":"stopped"')), server.log.join('\n'));
    await assert.rejects(fetch(`${server.url}/health`), 'the server still answers after stop()');

    assert.deepEqual([...hosts], [`127.0.0.1:${server.port}`]);
});
