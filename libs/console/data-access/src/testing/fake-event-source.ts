/** A scriptable stand-in for EventSource: tests open it, push named events and drop the connection. */
export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];

  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(name: string, listener: (e: MessageEvent<string>) => void): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }

  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }

  emit(name: string, id: string, data: unknown): void {
    const event = new MessageEvent<string>(name, { data: JSON.stringify(data), lastEventId: id });
    this.listeners.get(name)?.forEach((l) => l(event));
  }

  /** The browser lost the connection and retries by itself (it will send Last-Event-ID). */
  interrupt(): void {
    this.readyState = FakeEventSource.CONNECTING;
    this.onerror?.();
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
}
