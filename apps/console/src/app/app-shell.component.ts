import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TaskManager } from '@atelier/console/task-manager';

interface NavLink {
  readonly path: string;
  readonly label: string;
  readonly icon: string;
}

/** The frame of every page: top bar with navigation, the page, and the floating task manager. */
@Component({
  selector: 'atl-root',
  imports: [MatToolbarModule, MatButtonModule, MatIconModule, RouterOutlet, RouterLink, RouterLinkActive, TaskManager],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app-shell.component.html',
  styleUrl: './app-shell.component.scss',
})
export class AppShell {
  protected readonly links: readonly NavLink[] = [
    { path: '/analyzers', label: 'Analyzers', icon: 'auto_awesome' },
    { path: '/presets', label: 'Presets', icon: 'palette' },
    { path: '/jobs', label: 'Jobs', icon: 'tasks' },
  ];
}
