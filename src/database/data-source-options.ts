import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';

/** One definition of the connection, shared by the app and the TypeORM CLI (ormconfig.ts). */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install, no superuser needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: {
      max: 20,
      // Fail fast when Postgres is down instead of queueing requests behind a dead pool.
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30000,
    },
  };
}
