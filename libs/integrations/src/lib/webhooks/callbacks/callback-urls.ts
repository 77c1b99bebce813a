import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@atelier/platform';
import { WebhookTargetGuard } from '../targets/webhook-target-guard';

/** Where the callback_url of a request is kept: its job's metadata, written with the job itself. */
export const CALLBACK_METADATA_KEY = 'callback_url';

/**
 * The `callback_url` of job-creating requests (analyze, comprehensive, batches): checked before
 * anything is created, then kept in the job's metadata, so the callback and the job commit
 * together. The job's final event is then delivered to it like a webhook's, signed with the
 * requesting user's callback signing secret (GET /api/webhooks/callback-secret).
 *
 *   const callbackUrl = await callbacks.validate(form.callback_url);        // 400 before anything exists
 *   await jobs.create({ …, metadata: { ...other, ...callbacks.metadataOf(callbackUrl) } });
 */
@Injectable()
export class CallbackUrls {
  private readonly guard: WebhookTargetGuard;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.guard = new WebhookTargetGuard(config.values.webhookAllowPrivateNetworks);
  }

  /** The URL to call back, normalised; undefined when none was given; a 400 naming `field` when it may not be called. */
  async validate(raw: string | undefined, field = 'callback_url'): Promise<string | undefined> {
    if (raw === undefined || raw === '') return undefined;
    return (await this.guard.check(raw, field)).href;
  }

  /** The metadata entry that asks for a callback (empty without one). */
  metadataOf(url: string | undefined): Record<string, string> {
    return url ? { [CALLBACK_METADATA_KEY]: url } : {};
  }
}
