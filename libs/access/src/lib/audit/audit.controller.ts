import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { AuditList } from '@atelier/contracts';
import { ApiProblems, MinRole, PageQuery, clampLimit } from '@atelier/platform';
import { AuditService } from './audit.service';
import { AuditListDto } from '../dto/access.responses';

export class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Only entries of this user id' }) @IsOptional() @IsString() @MaxLength(255) actor?: string;
  @ApiPropertyOptional({ description: 'Only this action, e.g. auth.login_failed' }) @IsOptional() @IsString() @MaxLength(100) action?: string;
}

@ApiTags('audit')
@Controller('audit')
@MinRole('admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ operationId: 'listAuditEntries', summary: 'Who did what, newest first (admin)' })
  @ApiOkResponse({ type: AuditListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() q: AuditQueryDto): Promise<AuditList> {
    return this.audit.list({ limit: clampLimit(q.limit), cursor: q.cursor, actor: q.actor, action: q.action });
  }
}
