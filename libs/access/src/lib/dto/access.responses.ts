import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@atelier/contracts';

/** OpenAPI shapes of the access wire types (the types themselves live in @atelier/contracts). */
export class UserDto {
  @ApiProperty({ example: '0193a7c2-5b1e-7c3a-9f10-2b3c4d5e6f71' }) user_id!: string;
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty({ example: 'Ada' }) name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty() disabled!: boolean;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] }) users!: UserDto[];
}

export class LoginResponseDto {
  @ApiProperty({ type: UserDto }) user!: UserDto;
}

export class SetupStatusDto {
  @ApiProperty({ description: 'Whether the first admin still has to be created' }) needed!: boolean;
  @ApiPropertyOptional({ description: 'Whether "Sign in with SSO" is offered' }) sso?: boolean;
}

export class ApiKeyDto {
  @ApiProperty() api_key_id!: string;
  @ApiProperty({ example: 'CI pipeline' }) name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ description: 'The first characters of the key, to recognise it in a list', example: 'atelier_3kq9' }) prefix!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_used_at!: string | null;
  @ApiProperty({ description: 'The user it acts as' }) user_id!: string;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself, shown in this answer only; send it as "Authorization: Bearer <key>"', example: 'atelier_3kq9…' }) key!: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) api_keys!: ApiKeyDto[];
}

export class AuditEntryDto {
  @ApiProperty() audit_id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, description: 'user_id of who did it' }) actor!: string | null;
  @ApiProperty({ example: 'job.cancelled' }) action!: string;
  @ApiProperty({ type: String, nullable: true }) target!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail!: Record<string, unknown>;
}

export class AuditListDto {
  @ApiProperty({ type: [AuditEntryDto] }) audit!: AuditEntryDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}
