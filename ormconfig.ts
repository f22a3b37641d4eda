import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/database/data-source-options';
import { loadConfig } from './src/config/load-config';

/** The TypeORM CLI's view of the database: `npm run migration:generate|run|revert`. */
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl));
