// A throwaway PostgreSQL 15 cluster for an end-to-end test (as tests/server/PgTestCluster does for the C++ tests):
// initdb into a temporary folder, a Unix socket only (no TCP), no fsync, started with pg_ctl and stopped (immediate)
// when the test ends. As root the cluster runs as the user nobody, because PostgreSQL refuses to run as root.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const binDir = process.env.ACORN_PG_BINDIR || '/usr/lib/postgresql/15/bin';
const user = 'acorn';
const port = 5432; // only names the socket file; nothing listens on TCP

function run(asNobody, cwd, tool, args) {
    const program = path.join(binDir, tool);
    const [command, argv] = asNobody ? ['runuser', ['-u', 'nobody', '--', program, ...args]] : [program, args];
    return execFileSync(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 90000 });
}

export function postgresAvailable() {
    return fs.existsSync(path.join(binDir, 'initdb'));
}

// Starts a cluster with one database; returns { url, stop() }. t (node:test context) stops it at the end.
export function startPostgres(t, database = 'acorn_e2e') {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-pg-e2e-'));
    fs.chmodSync(root, 0o755);
    const asNobody = process.getuid() === 0;
    const data = path.join(root, 'data');
    const socket = path.join(root, 'sock');
    fs.mkdirSync(socket);
    if (asNobody)
        execFileSync('chown', ['-R', 'nobody:nogroup', root]);
    run(asNobody, root, 'initdb', ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '-N']);
    fs.appendFileSync(path.join(data, 'postgresql.conf'),
        `\nlisten_addresses = ''\nunix_socket_directories = '${socket}'\nport = ${port}\n`
        + 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 40\nshared_buffers = 32MB\n');
    run(asNobody, root, 'pg_ctl', ['-D', data, '-l', path.join(root, 'postgres.log'), '-w', '-t', '60', 'start']);
    let stopped = false;
    const stop = () => {
        if (stopped)
            return;
        stopped = true;
        try {
            run(asNobody, root, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    };
    t.after(stop);
    run(false, root, 'createdb', ['-h', socket, '-p', String(port), '-U', user, database]);
    return { url: `postgresql://${user}@localhost:${port}/${database}?host=${socket}`, stop };
}
