// Scratch databases on a Postgres server, for a test file or a bench run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Runs `sql` on the server at `serverUrl` with a connection of its own (CREATE/DROP DATABASE cannot run in a
 * transaction or on the database they name).
 * @param {string} serverUrl
 * @param {string} sql
 */
async function onServer(serverUrl, sql) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database named `<prefix>_<random hex>` on the Postgres server at `serverUrl`: its URL (the
 * server's, with the new database's name) and `drop()`, which removes it even with connections still open.
 * @param {string} serverUrl
 * @param {string} prefix
 * @returns {Promise<{ name: string, url: string, drop: () => Promise<void> }>}
 */
export async function createScratchDatabase(serverUrl, prefix) {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}
