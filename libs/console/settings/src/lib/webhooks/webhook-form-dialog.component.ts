import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Observable } from 'rxjs';
import { WEBHOOK_EVENTS, type Webhook } from '@atelier/contracts';
import { WebhooksApi } from '@atelier/console/data-access/admin';
import { DialogRequest, type InlineErrors } from '../shared/dialog-request';
import { FormDialogActions } from '../shared/form-dialog-actions.component';
import { webhookEventLabel } from './webhook-labels';

/** Null: a new webhook; a webhook: edit its events and description (its URL stays). */
export type WebhookFormData = Webhook | null;

/** The server's refusals shown on the field itself: its field errors, and an SSRF refusal on the URL. */
const INLINE: InlineErrors = { fields: ['url', 'events', 'description'], codes: { webhook_target_forbidden: 'url' } };

/**
 * Creates a webhook (closes with it and its secret) or edits one (closes with it). The server's
 * refusal of a URL (not http(s), a private address…) shows on the URL field in its words.
 */
@Component({
  selector: 'atl-webhook-form-dialog',
  imports: [ReactiveFormsModule, FormDialogActions, MatCheckboxModule, MatDialogModule, MatFormFieldModule, MatInputModule],
  providers: [DialogRequest],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ editing ? 'Edit webhook' : 'New webhook' }}</h2>
    <mat-dialog-content>
      <form id="webhook-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>URL</mat-label>
          <input matInput type="url" formControlName="url" maxlength="2000" autocomplete="off" required inputmode="url" data-testid="webhook-url" />
          <mat-hint>{{ editing ? 'To send elsewhere, add a new webhook.' : 'Atelier POSTs each event here, signed (Standard Webhooks).' }}</mat-hint>
          @if (form.controls.url.hasError('required')) {
            <mat-error>Enter the URL to call.</mat-error>
          } @else if (form.controls.url.hasError('scheme')) {
            <mat-error>The URL starts with https:// (or http://).</mat-error>
          } @else if (form.controls.url.hasError('server')) {
            <mat-error data-testid="webhook-url-error">{{ form.controls.url.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <fieldset class="events" [disabled]="request.busy()">
          <legend>Events</legend>
          @for (event of events; track event) {
            <mat-checkbox [checked]="chosen().has(event)" (change)="choose(event, $event.checked)" [attr.data-event]="event">{{ label(event) }}</mat-checkbox>
          }
          @if (eventsError(); as error) {
            <p class="field-error" role="alert">{{ error }}</p>
          }
        </fieldset>
        @if (editing) {
          <mat-checkbox [checked]="enabled()" (change)="enabled.set($event.checked)" [disabled]="request.busy()" data-testid="webhook-enabled">
            Send deliveries (unchecked: paused; the log is kept)
          </mat-checkbox>
        }
        <mat-form-field appearance="outline">
          <mat-label>Description (optional)</mat-label>
          <input matInput formControlName="description" maxlength="500" autocomplete="off" data-testid="webhook-description" />
          @if (form.controls.description.hasError('server')) {
            <mat-error>{{ form.controls.description.getError('server') }}</mat-error>
          }
        </mat-form-field>
      </form>
    </mat-dialog-content>
    <atl-form-dialog-actions form="webhook-form" [busy]="request.busy()" [error]="request.error()" submitTestId="webhook-save">
      {{ editing ? 'Save' : 'Add webhook' }}
    </atl-form-dialog-actions>
  `,
  styleUrl: '../shared/dialog-form.scss',
  styles: `
    .events { border: 0; margin: 0 0 12px; padding: 0; display: flex; flex-wrap: wrap; gap: 0 12px; }
    legend { font: var(--mat-sys-title-small); margin-bottom: 4px; }
    .field-error { flex-basis: 100%; margin: 0 0 0 12px; font: var(--mat-sys-body-small); color: var(--mat-sys-error); }
  `,
})
export class WebhookFormDialog {
  private readonly api = inject(WebhooksApi);
  private readonly webhook = inject<WebhookFormData>(MAT_DIALOG_DATA);
  protected readonly request = inject<DialogRequest<Webhook>>(DialogRequest);

  protected readonly editing = this.webhook !== null;
  protected readonly events = WEBHOOK_EVENTS;
  protected readonly label = webhookEventLabel;
  protected readonly chosen = signal<ReadonlySet<string>>(new Set(this.webhook?.events ?? WEBHOOK_EVENTS));
  protected readonly enabled = signal(this.webhook?.enabled ?? true);
  private readonly eventsTouched = signal(false);
  protected readonly eventsError = computed(() => {
    const server = this.request.fieldErrors().find((e) => e.field === 'events');
    if (server) return server.message;
    return this.eventsTouched() && this.chosen().size === 0 ? 'Choose at least one event.' : null;
  });
  protected readonly form = inject(NonNullableFormBuilder).group({
    url: [{ value: this.webhook?.url ?? '', disabled: this.editing }, [Validators.required, httpUrl]],
    description: [this.webhook?.description ?? '', [Validators.maxLength(500)]],
  });

  constructor() {
    // The server's words go on the field they are about, until the field changes.
    effect(() => {
      for (const { field, message } of this.request.fieldErrors()) {
        const control = field === 'url' || field === 'description' ? this.form.controls[field] : null;
        control?.setErrors({ ...control.errors, server: message });
        control?.markAsTouched();
      }
    });
  }

  protected choose(event: string, checked: boolean): void {
    const next = new Set(this.chosen());
    if (checked) next.add(event);
    else next.delete(event);
    this.chosen.set(next);
    this.eventsTouched.set(true);
  }

  protected save(): void {
    this.eventsTouched.set(true);
    if (this.form.invalid || this.chosen().size === 0) {
      this.form.markAllAsTouched();
      return;
    }
    const events = WEBHOOK_EVENTS.filter((e) => this.chosen().has(e));
    const description = this.form.controls.description.value.trim();
    const request: Observable<Webhook> = this.webhook
      ? this.api.update(this.webhook.webhook_id, { events, description, enabled: this.enabled() })
      : this.api.create({ url: this.form.controls.url.value.trim(), events, ...(description ? { description } : {}) });
    this.request.run(request, INLINE);
  }
}

/** An absolute http(s) URL; whether its host may be called is the server's to say. */
function httpUrl(control: { value: string }): { scheme: true } | null {
  const value = control.value.trim();
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? null : { scheme: true };
  } catch {
    return { scheme: true };
  }
}
