export * from './lib/presets.repository';
export * from './lib/presets.service';
export * from './lib/presets.module';
export * from './lib/dto/preset.dto';
export * from './lib/dto/preset-name';
export * from './lib/presets.controller';
