import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsISO8601, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@atelier/contracts';

export class LoginBody {
  @ApiProperty({ example: 'ada@example.com' }) @IsString() @MaxLength(254) email!: string;
  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @MaxLength(1024) password!: string;
}

export class SetupBody {
  @ApiProperty({ description: 'The one-time setup token the server logged at its first start' }) @IsString() @Length(1, 200) token!: string;
  @ApiProperty({ example: 'admin@example.com' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ minLength: 12 }) @IsString() @Length(12, 1024) password!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
}

export class CreateUserBody {
  @ApiProperty({ example: 'grace@example.com' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ minLength: 12 }) @IsString() @Length(12, 1024) password!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
}

export class UpdateUserBody {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() disabled?: boolean;
  @ApiPropertyOptional({ minLength: 12 }) @IsOptional() @IsString() @Length(12, 1024) password?: string;
}

export class CreateApiKeyBody {
  @ApiProperty({ example: 'CI pipeline' }) @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ enum: ROLES, description: "At most the creator's role (default: the creator's)" }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() expires_at?: string;
}
