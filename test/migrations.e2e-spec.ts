import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ensureDatabaseExists, runMigrations } from '../src/database/prepare-database';
import { dropDatabase, isolatedEnvironment } from './support/test-app';

describe('Migrations', () => {
  const databaseUrl = isolatedEnvironment().DATABASE_URL;

  afterAll(async () => {
    await dropDatabase(databaseUrl);
  });

  it('create the database, and leave nothing for the entities to change (no drift)', async () => {
    await ensureDatabaseExists(databaseUrl);
    await ensureDatabaseExists(databaseUrl);
    await runMigrations(dataSourceOptions(databaseUrl));

    const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('run safely from several processes starting at once', async () => {
    const options = dataSourceOptions(databaseUrl);
    await Promise.all([runMigrations(options), runMigrations(options), runMigrations(options)]);
  });

  it('revert cleanly, all the way down and up again', async () => {
    const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
    try {
      while ((await dataSource.query('SELECT count(*)::int AS n FROM migrations'))[0].n > 0) {
        await dataSource.undoLastMigration();
      }
      await dataSource.runMigrations();
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
