import { ApiProperty } from '@nestjs/swagger';
import { JobDto } from '@atelier/jobs';
import { PresetDto } from '@atelier/presets';

export class AnalyzerInfoDto {
  @ApiProperty({ example: 'hair-color' }) name!: string;
  @ApiProperty({ example: 'Hair color' }) title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'hair' }) category!: string;
}

export class UploadLimitsDto {
  @ApiProperty({ description: 'Largest accepted upload in bytes (MAX_UPLOAD_BYTES)', example: 20971520 }) max_upload_bytes!: number;
  @ApiProperty({ description: 'Largest accepted image, width × height (MAX_IMAGE_PIXELS)', example: 40000000 }) max_pixels!: number;
}

export class AnalyzerListDto {
  @ApiProperty({ type: [AnalyzerInfoDto] }) analyzers!: AnalyzerInfoDto[];
  @ApiProperty({ type: UploadLimitsDto }) limits!: UploadLimitsDto;
}

export class AnalyzeSyncResponseDto {
  @ApiProperty({ example: 'hair-color' }) analyzer!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The analyzer's structured output" }) result!: Record<string, unknown>;
  @ApiProperty({ type: PresetDto }) preset!: PresetDto;
  @ApiProperty() job_id!: string;
}

export class ComprehensiveSyncResponseDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', additionalProperties: true }, description: 'Output per analyzer name' })
  results!: Record<string, Record<string, unknown>>;
  @ApiProperty({ type: [PresetDto] }) presets!: PresetDto[];
  @ApiProperty() job_id!: string;
}

export class AsyncAcceptedDto {
  @ApiProperty() job_id!: string;
  @ApiProperty({ enum: ['queued'] }) status!: 'queued';
  @ApiProperty({ type: JobDto }) job!: JobDto;
}
