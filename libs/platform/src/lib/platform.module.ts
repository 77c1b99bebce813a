import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, parseConfig } from './config/app-config';

/** Global configuration: parsed and validated once, then injected as the typed AppConfig. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig = parseConfig(process.env)): DynamicModule {
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ atelier: config.values })] })],
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
