import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI shapes of the preset wire types (the types themselves live in @atelier/contracts). */
export class PresetDto {
  @ApiProperty({ example: '0193a7c2-5b1e-7c3a-9f10-2b3c4d5e6f70' }) preset_id!: string;
  @ApiProperty({ example: 'hair-color', description: 'The analyzer that made it' }) category!: string;
  @ApiProperty({ example: 'Copper balayage' }) name!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The analyzer's structured output" }) data!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'sha256 of the analysed image' }) source_image_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) job_id!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The user who made it' }) owner!: string | null;
  @ApiProperty({ example: 'openai', description: '"offline" when computed from pixel statistics without a model' }) provider!: string;
  @ApiProperty({ example: 'gpt-4.1-mini' }) model!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class PresetListDto {
  @ApiProperty({ type: [PresetDto] }) presets!: PresetDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}
