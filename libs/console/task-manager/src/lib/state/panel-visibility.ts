import { Injectable, signal } from '@angular/core';

/** Whether the task panel is open: the button toggles it, a notice's "Show tasks" opens it. */
@Injectable({ providedIn: 'root' })
export class PanelVisibility {
  readonly open = signal(false);
}
