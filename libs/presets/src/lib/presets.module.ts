import { Module } from '@nestjs/common';
import { PresetsController } from './presets.controller';
import { PresetsRepository } from './presets.repository';
import { PresetsService } from './presets.service';

/** Presets: the structured results analyses leave behind, with their REST API. */
@Module({
  controllers: [PresetsController],
  providers: [PresetsRepository, PresetsService],
  exports: [PresetsRepository, PresetsService],
})
export class PresetsModule {}
