import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { CallbackSecret, Webhook, WebhookDelivery, WebhookDeliveryList, WebhookList, WebhookWithSecret } from '@atelier/contracts';
import { ApiProblems, CurrentPrincipal, CurrentScope, IdParamPipe, PageQuery, type AccessScope, type Principal } from '@atelier/platform';
import { CreateWebhookBody, UpdateWebhookBody } from './dto/webhook.bodies';
import { CallbackSecretDto, WebhookDeliveryDto, WebhookDeliveryListDto, WebhookDto, WebhookListDto, WebhookWithSecretDto } from './dto/webhook.responses';
import { WebhooksService } from './webhooks.service';

const webhookId = new IdParamPipe('webhook');
const deliveryId = new IdParamPipe('delivery');
const WEBHOOK_PARAM = { name: 'webhook_id', example: '0193a7c2-5b1e-7c3a-9f10-2b3c4d5e6f71' };

/** Webhook subscriptions (a member manages its own, an admin every one), their delivery log, and the callback signing secret. */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ operationId: 'createWebhook', summary: 'Subscribe a URL to job events; the signing secret is in this answer only' })
  @ApiCreatedResponse({ type: WebhookWithSecretDto })
  @ApiProblems(400, 401, 409)
  create(@Body() body: CreateWebhookBody, @CurrentPrincipal() principal: Principal, @CurrentScope() scope: AccessScope): Promise<WebhookWithSecret> {
    return this.webhooks.create(principal, scope, body);
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhooks', summary: 'Your webhooks, newest first (an admin sees every one); never their secrets' })
  @ApiOkResponse({ type: WebhookListDto })
  @ApiProblems(400, 401)
  list(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<WebhookList> {
    return this.webhooks.list(principal, query.limit, query.cursor);
  }

  // Declared before ':webhook_id' so that it matches first.
  @Get('callback-secret')
  @ApiOperation({ operationId: 'getCallbackSecret', summary: 'The secret that signs your callback_url deliveries (made on first use)' })
  @ApiOkResponse({ type: CallbackSecretDto })
  @ApiProblems(401)
  callbackSecret(@CurrentPrincipal() principal: Principal): Promise<CallbackSecret> {
    return this.webhooks.callbackSecret(principal);
  }

  @Post('callback-secret/rotate')
  @HttpCode(200)
  @ApiOperation({ operationId: 'rotateCallbackSecret', summary: 'Replace your callback signing secret; deliveries from now on are signed with the new one' })
  @ApiOkResponse({ type: CallbackSecretDto })
  @ApiProblems(401)
  rotateCallbackSecret(@CurrentPrincipal() principal: Principal, @CurrentScope() scope: AccessScope): Promise<CallbackSecret> {
    return this.webhooks.rotateCallbackSecret(principal, scope);
  }

  @Get(':webhook_id')
  @ApiOperation({ operationId: 'getWebhook', summary: 'One webhook' })
  @ApiParam(WEBHOOK_PARAM)
  @ApiOkResponse({ type: WebhookDto })
  @ApiProblems(401, 404)
  get(@Param('webhook_id', webhookId) id: string, @CurrentPrincipal() principal: Principal): Promise<Webhook> {
    return this.webhooks.get(principal, id);
  }

  @Patch(':webhook_id')
  @ApiOperation({ operationId: 'updateWebhook', summary: 'Change the URL, events, description or enabled state' })
  @ApiParam(WEBHOOK_PARAM)
  @ApiOkResponse({ type: WebhookDto })
  @ApiProblems(400, 401, 404)
  update(@Param('webhook_id', webhookId) id: string, @Body() body: UpdateWebhookBody, @CurrentPrincipal() principal: Principal, @CurrentScope() scope: AccessScope): Promise<Webhook> {
    return this.webhooks.update(principal, scope, id, body);
  }

  @Delete(':webhook_id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Delete a webhook and its delivery log; its pending deliveries stop' })
  @ApiParam(WEBHOOK_PARAM)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(401, 404)
  async delete(@Param('webhook_id', webhookId) id: string, @CurrentPrincipal() principal: Principal, @CurrentScope() scope: AccessScope): Promise<void> {
    await this.webhooks.delete(principal, scope, id);
  }

  @Post(':webhook_id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ operationId: 'rotateWebhookSecret', summary: 'Replace the signing secret; the new one is in this answer only, and signs every attempt from now on' })
  @ApiParam(WEBHOOK_PARAM)
  @ApiOkResponse({ type: WebhookWithSecretDto })
  @ApiProblems(401, 404)
  rotateSecret(@Param('webhook_id', webhookId) id: string, @CurrentPrincipal() principal: Principal, @CurrentScope() scope: AccessScope): Promise<WebhookWithSecret> {
    return this.webhooks.rotateSecret(principal, scope, id);
  }

  @Get(':webhook_id/deliveries')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: 'The delivery log, newest first: status, attempts, last response code and latency, next attempt' })
  @ApiParam(WEBHOOK_PARAM)
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiProblems(400, 401, 404)
  deliveries(@Param('webhook_id', webhookId) id: string, @Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<WebhookDeliveryList> {
    return this.webhooks.listDeliveries(principal, id, query.limit, query.cursor);
  }

  @Post(':webhook_id/deliveries/:delivery_id/redeliver')
  @HttpCode(202)
  @ApiOperation({ operationId: 'redeliverWebhook', summary: 'Send a delivery again: a new attempt series with the same webhook-id' })
  @ApiParam(WEBHOOK_PARAM)
  @ApiParam({ name: 'delivery_id' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto, description: 'The delivery, pending again' })
  @ApiProblems(401, 404, 409)
  redeliver(
    @Param('webhook_id', webhookId) id: string,
    @Param('delivery_id', deliveryId) delivery: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: AccessScope,
  ): Promise<WebhookDelivery> {
    return this.webhooks.redeliver(principal, scope, id, delivery);
  }
}
