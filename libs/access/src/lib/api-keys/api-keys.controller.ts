import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiKeyList, CreatedApiKey } from '@atelier/contracts';
import { ApiProblems, CurrentPrincipal, CurrentScope, IdParamPipe, type AccessScope, type Principal } from '@atelier/platform';
import { CreateApiKeyBody } from '../dto/access.bodies';
import { ApiKeyListDto, CreatedApiKeyDto } from '../dto/access.responses';
import { ApiKeysService } from './api-keys.service';

const keyId = new IdParamPipe('API key');

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key; the key itself is in this answer only' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems(400, 401, 403)
  create(@Body() body: CreateApiKeyBody, @CurrentPrincipal() principal: Principal, @CurrentScope() scope: AccessScope): Promise<CreatedApiKey> {
    return this.keys.create(principal, scope, body);
  }

  @Get()
  @ApiOperation({ operationId: 'listApiKeys', summary: 'Your API keys (an admin sees every key), never the keys themselves' })
  @ApiOkResponse({ type: ApiKeyListDto })
  @ApiProblems(401)
  async list(@CurrentPrincipal() principal: Principal): Promise<ApiKeyList> {
    return { api_keys: await this.keys.list(principal) };
  }

  @Delete(':api_key_id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key: it answers 401 from now on' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(401, 404)
  async revoke(@Param('api_key_id', keyId) id: string, @CurrentPrincipal() principal: Principal, @CurrentScope() scope: AccessScope): Promise<void> {
    await this.keys.revoke(principal, scope, id);
  }
}
