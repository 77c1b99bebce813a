import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type OpenAI from 'openai';
import { AppConfig } from '@atelier/platform';
import { ATELIER_DB, type AtelierDb } from '@atelier/persistence';
import { PresetsModule } from '@atelier/presets';
import { AnalyzerRegistry } from './definitions/analyzer-registry';
import { VisionProvider } from './providers/vision-provider.port';
import { OfflineVisionProvider } from './providers/offline-vision.provider';
import { OpenAiVisionProvider } from './providers/openai-vision.provider';
import { createOpenAiClient } from './providers/openai-client';
import { modelCallGateOf } from './providers/model-call-gate.factory';
import { ImageGenerator } from './generation/image-generator.port';
import { OfflineImageGenerator } from './generation/offline-image.generator';
import { OpenAiImageGenerator } from './generation/openai-image.generator';
import { ImagesService } from './images/images.service';
import { ImagePreparation } from './images/image-preparation.service';
import { ImagesController } from './images/images.controller';
import { AnalysisRequestsService } from './requests/analysis-requests.service';
import { AnalyzersController } from './analyzers.controller';
import { PresetGenerationController } from './preset-generation.controller';
import { BatchesController } from './batches/batches.controller';
import { BatchesService } from './batches/batches.service';
import { AnalyzeJobHandler } from './handlers/analyze-job.handler';
import { ComprehensiveAnalyzeJobHandler } from './handlers/comprehensive-analyze-job.handler';
import { GenerateImageJobHandler } from './handlers/generate-image-job.handler';
import { GenerateThumbnailJobHandler } from './handlers/generate-thumbnail-job.handler';

const OPENAI_CLIENT = Symbol('OPENAI_CLIENT');

/** Analyzers, vision providers, images and the handlers of analyze, comprehensive_analyze, generate_image and generate_thumbnail. */
@Module({
  imports: [
    PresetsModule,
    // Upload limits come from the injected configuration at boot (multer keeps files in memory).
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.values.maxUploadBytes, files: 1, fields: 10, fieldSize: 64 * 1024 } }),
    }),
  ],
  controllers: [AnalyzersController, ImagesController, PresetGenerationController, BatchesController],
  providers: [
    { provide: AnalyzerRegistry, useFactory: () => new AnalyzerRegistry() },
    {
      provide: OPENAI_CLIENT,
      inject: [AppConfig, ATELIER_DB],
      useFactory: (config: AppConfig, db: AtelierDb): OpenAI | null =>
        config.visionProvider === 'openai' ? createOpenAiClient(config, modelCallGateOf(config, db)) : null,
    },
    {
      provide: VisionProvider,
      inject: [AppConfig, OPENAI_CLIENT],
      useFactory: (config: AppConfig, client: OpenAI | null): VisionProvider =>
        client ? new OpenAiVisionProvider(client, config.values.visionModel) : new OfflineVisionProvider(config.values.offlineLatencyMs),
    },
    {
      provide: ImageGenerator,
      inject: [AppConfig, OPENAI_CLIENT],
      useFactory: (config: AppConfig, client: OpenAI | null): ImageGenerator =>
        client ? new OpenAiImageGenerator(client, config.values.imageModel) : new OfflineImageGenerator(),
    },
    ImagesService,
    ImagePreparation,
    AnalysisRequestsService,
    AnalyzeJobHandler,
    GenerateImageJobHandler,
    GenerateThumbnailJobHandler,
    ComprehensiveAnalyzeJobHandler,
    BatchesService,
  ],
  exports: [AnalyzerRegistry, ImagesService, VisionProvider, ImageGenerator],
})
export class AnalyzersModule {}
