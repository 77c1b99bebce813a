import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, parseConfig } from './config/app-config';
import { ShutdownState } from './shutdown/shutdown-state';

/** Global configuration (parsed and validated once, injected as the typed AppConfig) and the shutdown state. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig = parseConfig(process.env)): DynamicModule {
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ atelier: config.values })] })],
      providers: [{ provide: AppConfig, useValue: config }, ShutdownState],
      exports: [AppConfig, ShutdownState],
    };
  }
}
