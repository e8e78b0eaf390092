/**
 * Finds a PostgreSQL server for the tests, or starts a throw-away cluster from the local binaries.
 *
 * Order: TEST_PG_ADMIN_URL; the server of DATABASE_URL; 127.0.0.1:5432 (trust auth, user postgres).
 * Where none answers, `initdb` + `pg_ctl` start a cluster in a temporary folder (as the `postgres`
 * user when run as root, since PostgreSQL refuses to run as root), stopped after the run.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { Client } from 'pg';

export type PostgresServer = { adminUrl: string; stop: () => Promise<void> };

const canConnect = async (url: string) => {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
};

const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

const candidateUrls = () => {
  const urls: string[] = [];
  if (process.env.TEST_PG_ADMIN_URL) urls.push(process.env.TEST_PG_ADMIN_URL);
  if (process.env.DATABASE_URL) urls.push(withDatabase(process.env.DATABASE_URL, 'postgres'));
  urls.push('postgres://postgres@127.0.0.1:5432/postgres');
  return urls;
};

const findBinDir = (): string | null => {
  const fromPath = ['/usr/local/bin', '/usr/bin'].find((dir) => fs.existsSync(path.join(dir, 'pg_ctl')));
  const debian = '/usr/lib/postgresql';
  const versions = fs.existsSync(debian)
    ? fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a)).map((v) => path.join(debian, v, 'bin'))
    : [];
  return [...versions, ...(fromPath ? [fromPath] : [])].find((dir) => fs.existsSync(path.join(dir, 'initdb'))) ?? null;
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const startThrowAwayCluster = async (): Promise<PostgresServer> => {
  const bin = findBinDir();
  if (!bin) {
    throw new Error(
      'PostgreSQL tests need a server: none answers on 127.0.0.1:5432 (or DATABASE_URL / TEST_PG_ADMIN_URL), ' +
        'and no PostgreSQL binaries (initdb, pg_ctl) were found to start one. ' +
        'Install them with `apt-get install -y postgresql` or point TEST_PG_ADMIN_URL at a server.'
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-merge-pg-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    if (asRoot) {
      const quoted = [path.join(bin, command), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', quoted], { stdio: 'pipe' });
    } else {
      execFileSync(path.join(bin, command), args, { stdio: 'pipe' });
    }
  };
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  run('initdb', ['-D', `${dir}/data`, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/server.log`, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-w', 'start']);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        run('pg_ctl', ['-D', `${dir}/data`, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
};

export const findOrStartPostgres = async (): Promise<PostgresServer> => {
  for (const url of candidateUrls()) {
    if (await canConnect(url)) return { adminUrl: url, stop: async () => {} };
  }
  return startThrowAwayCluster();
};

/** Creates an empty database for one test file; returns its URL and a function dropping it. */
export const createTemporaryDatabase = async (adminUrl: string) => {
  const name = `mail_merge_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
};
