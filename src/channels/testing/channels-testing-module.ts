import { Test, TestingModule, TestingModuleBuilder } from '@nestjs/testing';
import { ConfigModule } from '../../config/config.module';
import { loadConfig } from '../../config/load-config';
import { ChannelsModule } from '../channels.module';

/**
 * ChannelsModule as the application builds it, from an environment such as
 * `{ SMTP_URL: sink.url, WEBHOOK_ALLOWLIST: TEST_WEBHOOK_ALLOWLIST }`. `customise` can
 * override providers, e.g. HostResolver. Close the module when done.
 */
export async function createChannelsTestingModule(
  env: Record<string, string>,
  customise: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<TestingModule> {
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const builder = Test.createTestingModule({ imports: [ConfigModule.forRoot(config), ChannelsModule] });
  // Initialised, so the registry has found the channels.
  return (await customise(builder).compile()).init();
}
