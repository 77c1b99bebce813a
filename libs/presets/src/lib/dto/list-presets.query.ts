import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PageQuery } from '@atelier/platform';

export class ListPresetsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only presets of this category (the analyzer name)', example: 'hair-color' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'category must be an analyzer name such as hair-color' })
  category?: string;
}
