import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The centred card the signed-out pages (login, setup) are laid out in. */
@Component({
  selector: 'atl-auth-frame',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="auth-frame-title">
      <h1 id="auth-frame-title">{{ heading() }}</h1>
      <ng-content />
    </section>
  `,
  styles: `
    :host { display: flex; justify-content: center; padding: 32px 0; }
    .card {
      width: min(420px, 100%);
      box-sizing: border-box;
      padding: 28px 28px 24px;
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    h1 { margin: 0 0 8px; font: var(--mat-sys-headline-small); }
    @media (max-width: 600px) { :host { padding: 8px 0; } .card { padding: 20px 16px; } }
  `,
})
export class AuthFrame {
  readonly heading = input.required<string>();
}
