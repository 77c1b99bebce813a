import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { THEME_CHOICES, ThemePreference } from './theme-preference';

/** The top bar's theme menu: System, Light or Dark. */
@Component({
  selector: 'atl-theme-toggle',
  imports: [MatButtonModule, MatIconModule, MatMenuModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-icon-button type="button" [matMenuTriggerFor]="menu" [attr.aria-label]="'Theme: ' + current().label" data-testid="theme-toggle">
      <mat-icon [svgIcon]="current().icon" aria-hidden="true" />
    </button>
    <mat-menu #menu="matMenu" xPosition="before">
      @for (option of choices; track option.value) {
        <button
          mat-menu-item
          type="button"
          role="menuitemradio"
          [attr.aria-checked]="option.value === theme.choice()"
          (click)="theme.choose(option.value)"
          [attr.data-testid]="'theme-' + option.value"
        >
          <mat-icon [svgIcon]="option.icon" aria-hidden="true" />
          <span>{{ option.label }}</span>
          @if (option.value === theme.choice()) {
            <mat-icon svgIcon="check" class="chosen" aria-hidden="true" />
          }
        </button>
      }
    </mat-menu>
  `,
  styles: `
    .chosen { margin: 0 0 0 16px; }
  `,
})
export class ThemeToggle {
  protected readonly theme = inject(ThemePreference);
  protected readonly choices = THEME_CHOICES;
  protected readonly current = computed(() => THEME_CHOICES.find((c) => c.value === this.theme.choice()) ?? THEME_CHOICES[0]);
}
