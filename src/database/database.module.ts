import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabaseExists, runMigrations } from './prepare-database';

/** PostgreSQL through TypeORM: creates the database if missing and migrates it before serving. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const options = dataSourceOptions(config.databaseUrl);
        await ensureDatabaseExists(config.databaseUrl);
        await runMigrations(options);
        return { ...options, migrationsRun: false, retryAttempts: 3, retryDelay: 1000 };
      },
    }),
  ],
})
export class DatabaseModule {}
