/** Lets a repeating report through when it changes, or once per interval, counting the repeats it held back. */
export class RepeatGate {
  private key?: string;
  private passedAt = 0;
  private held = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many repeats were held back since the last report, when this one may pass; undefined to stay quiet. */
  pass(key: string): number | undefined {
    const now = this.now();
    if (key === this.key && now - this.passedAt < this.intervalMs) {
      this.held++;
      return undefined;
    }
    const held = key === this.key ? this.held : 0;
    this.key = key;
    this.passedAt = now;
    this.held = 0;
    return held;
  }

  /** The condition ended: its next occurrence is reported at once. */
  reset(): void {
    this.key = undefined;
    this.held = 0;
  }
}
