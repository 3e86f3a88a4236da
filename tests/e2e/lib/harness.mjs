// Helpers for Acorn's end-to-end browser tests: Debian's Chromium driven by playwright-core, a throwaway
// acorn-server on a free loopback port, and screenshots at phone and desktop sizes. Tests run under `node --test`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium } from 'playwright-core';

// Debian's package, not a Playwright download (those cannot be fetched here; scripts/bootstrap installs chromium).
export const chromiumPath = '/usr/bin/chromium';

// The sizes pages are checked at: a phone in portrait (what most parents will use) and a laptop.
export const sizes = [
    { name: 'phone', width: 390, height: 844 },
    { name: 'desktop', width: 1280, height: 800 },
];

// Playwright adds its own switches too (among them --disable-background-networking, --disable-component-update,
// --no-first-run and --disable-extensions); ours are listed anyway so that this file says what the browser may do.
const chromiumArgs = [
    '--no-sandbox', // tests run as root, and Chromium refuses to start sandboxed as root
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions',
    // Every host but these two resolves to nothing, IP literals included, so whatever asks (a page, or Chromium's own
    // services, which Playwright's request events never see) fails at once instead of reaching out.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

// Starts headless Chromium. Each launch gets a fresh profile: with no userDataDir, playwright-core makes a temporary
// one (playwright_chromiumdev_profile-* in the temp folder) and removes it on browser.close(); a --user-data-dir in
// args is refused, and a persistent context (launchPersistentContext) would only be needed to keep one.
export async function launchBrowser(options = {}) {
    return chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        chromiumSandbox: false,
        args: chromiumArgs,
        ...options,
    });
}

// Records the host (host:port) of every request the context's pages make, for "nothing left the machine" checks.
export function recordRequestHosts(context) {
    const hosts = new Set();
    context.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.protocol !== 'about:')
            hosts.add(url.host);
    });
    return hosts;
}

// A temporary folder removed when the test (node:test's context t) ends.
export function makeTempDir(t, prefix = 'acorn-e2e-') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
}

// --- acorn-server --------------------------------------------------------------------------------------------------

// Servers still running, killed (whole process group) if this process goes down without stopping them.
const liveServers = new Set();

function killGroup(child, signal) {
    try {
        process.kill(-child.pid, signal);
    } catch {
        // ESRCH: already gone
    }
}

// 'exit' is the last chance and must be synchronous: SIGKILL, no waiting. Termination signals do not run 'exit'
// handlers, so they are caught, the servers killed, and the signal raised again with its default action.
process.on('exit', () => {
    for (const child of liveServers)
        killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
        for (const child of liveServers)
            killGroup(child, 'SIGKILL');
        process.kill(process.pid, signal);
    });
}
// An exception nobody caught ends the process through 'exit' above (node:test reports it as a failure first).

// setpriv (util-linux) asks the kernel to kill the server when this process dies, even by SIGKILL, which no handler
// above sees.
const setpriv = fs.existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : null;

// Runs acorn-server on a free loopback port (--port 0; the port comes from its "listening" log line) and waits until
// GET /health answers 200. Returns { url, port, child, log, stop }: stop() sends SIGTERM, waits for the exit and
// returns { code, signal } (SIGKILL after stopTimeoutMs); log holds the server's stderr lines (JSON log records).
export async function startServer({
    binary = process.env.ACORN_SERVER_BINARY,
    dataDir,
    extraArgs = [],
    readyTimeoutMs = 15000,
    stopTimeoutMs = 10000,
} = {}) {
    if (!binary)
        throw new Error('startServer: no acorn-server binary (set ACORN_SERVER_BINARY; CTest does)');
    if (!dataDir)
        throw new Error('startServer: dataDir is required');

    const serverArgs = ['--data-dir', dataDir, '--listen', '127.0.0.1', '--port', '0', ...extraArgs];
    const [command, args] = setpriv
        ? [setpriv, ['--pdeathsig', 'KILL', '--', binary, ...serverArgs]]
        : [binary, serverArgs];
    // detached: the server leads its own process group, so one kill(-pid) reaches anything it starts.
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    liveServers.add(child);
    const exited = new Promise((resolve) => {
        child.once('exit', (code, signal) => resolve({ code, signal }));
        child.once('error', (error) => resolve({ code: null, signal: null, error })); // could not start at all
    }).then((result) => {
        liveServers.delete(child);
        return result;
    });

    // Both streams are kept for diagnostics; stderr carries the JSON log records, among them "listening" with the port.
    const log = [];
    let reportPort;
    const portKnown = new Promise((resolve) => (reportPort = resolve));
    readline.createInterface({ input: child.stdout }).on('line', (line) => log.push(line));
    readline.createInterface({ input: child.stderr }).on('line', (line) => {
        log.push(line);
        let record;
        try {
            record = JSON.parse(line);
        } catch {
            return; // not a log record (a crash message, say): kept in log all the same
        }
        if (record.message === 'listening' && Number.isInteger(record.port))
            reportPort(record.port);
    });

    let stopping;
    const stop = () => {
        stopping ??= (async () => {
            if (!liveServers.has(child))
                return exited;
            killGroup(child, 'SIGTERM');
            const timer = setTimeout(() => killGroup(child, 'SIGKILL'), stopTimeoutMs);
            const result = await exited;
            clearTimeout(timer);
            return result;
        })();
        return stopping;
    };

    const failure = (why) => {
        const tail = log.slice(-20).join('\n');
        return new Error(`acorn-server ${why}${tail ? `; its last output:\n${tail}` : ''}`);
    };
    const ready = (async () => {
        const url = `http://127.0.0.1:${await portKnown}`;
        await waitForHealth(url, () => liveServers.has(child));
        return url;
    })();
    const diedEarly = exited.then(({ code, signal, error }) => {
        throw failure(error ? `could not be started: ${error.message}`
                            : `exited before it was ready (code ${code}, signal ${signal})`);
    });
    diedEarly.catch(() => {}); // only raced below: a later exit is stop()'s business
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(failure(`did not answer /health within ${readyTimeoutMs} ms`)), readyTimeoutMs);
    });

    try {
        const url = await Promise.race([ready, diedEarly, timeout]).finally(() => clearTimeout(timer));
        return { url, port: Number(new URL(url).port), child, log, stop };
    } catch (error) {
        await stop();
        throw error;
    }
}

// Polls GET /health until it answers 200, while alive() says the server is still running.
async function waitForHealth(url, alive) {
    while (alive()) {
        try {
            const response = await fetch(`${url}/health`);
            await response.arrayBuffer(); // read to the end, so the connection is not left half-used
            if (response.status === 200)
                return;
        } catch {
            // not accepting connections yet
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

// --- screenshots ---------------------------------------------------------------------------------------------------

// Saves a full-page PNG as $ACORN_SCREENSHOT_DIR/<name>.png and returns its path; without that variable, does nothing
// and returns null (screenshots are for people to look at, not for the tests to compare).
export async function screenshot(page, name) {
    const dir = process.env.ACORN_SCREENSHOT_DIR;
    if (!dir)
        return null;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
}

// Runs fn(size) with the page at each of sizes (phone, then desktop), then puts the page's viewport back.
export async function atSizes(page, fn) {
    const original = page.viewportSize();
    try {
        for (const size of sizes) {
            await page.setViewportSize({ width: size.width, height: size.height });
            await fn(size);
        }
    } finally {
        if (original)
            await page.setViewportSize(original);
    }
}
