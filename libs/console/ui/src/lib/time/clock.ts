import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/** The current time, ticking once a second: what elapsed times are computed from. */
@Injectable({ providedIn: 'root' })
export class Clock {
  readonly now = signal(Date.now());

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
