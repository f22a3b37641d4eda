import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';
/** Any constant shared by every process of the service: serialises migrations across them. */
const MIGRATION_LOCK_KEY = 7_240_113;

/** Creates the database named in the URL when it does not exist yet. Safe to race. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: unknown) => {
        const code = (error as { code?: string }).code;
        // Another process created it between our check and our CREATE.
        if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** Runs pending migrations under an advisory lock, so processes starting together don't race. */
export async function runMigrations(options: DataSourceOptions): Promise<void> {
  const dataSource = await new DataSource({ ...options, extra: { max: 1 } }).initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  } finally {
    await dataSource.destroy();
  }
}
