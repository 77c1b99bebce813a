/** The theme's colours for a canvas chart, which cannot read CSS custom properties by itself. */

export type ChartColor = 'primary' | 'tertiary' | 'error' | 'success' | 'neutral';

export interface ChartTheme {
  readonly text: string;
  readonly grid: string;
  readonly series: Readonly<Record<ChartColor, string>>;
}

const SERIES_TOKENS: Readonly<Record<ChartColor, string>> = {
  primary: '--mat-sys-primary',
  tertiary: '--mat-sys-tertiary',
  error: '--mat-sys-error',
  success: '--atl-success',
  neutral: '--mat-sys-on-surface-variant',
};

/**
 * Resolves the Material tokens where the chart is, to the colours they compute to now (a token
 * holds `light-dark(…)`, which only an element's computed style turns into one colour).
 */
export function readChartTheme(host: HTMLElement): ChartTheme {
  const probe = host.ownerDocument.createElement('span');
  probe.style.display = 'none';
  host.appendChild(probe);
  const resolve = (token: string): string => {
    probe.style.color = `var(${token})`;
    return getComputedStyle(probe).color;
  };
  try {
    const series = Object.fromEntries(Object.entries(SERIES_TOKENS).map(([name, token]) => [name, resolve(token)])) as Record<ChartColor, string>;
    return { text: resolve('--mat-sys-on-surface-variant'), grid: resolve('--mat-sys-outline-variant'), series };
  } finally {
    probe.remove();
  }
}

/**
 * Calls `changed` whenever the colours may have changed: the system's light or dark setting, or
 * the console's own choice (a class or style on the root element). Returns the unsubscribe.
 */
export function watchColorScheme(doc: Document, changed: () => void): () => void {
  const media = typeof doc.defaultView?.matchMedia === 'function' ? doc.defaultView.matchMedia('(prefers-color-scheme: dark)') : null;
  media?.addEventListener('change', changed);
  const observer = new MutationObserver(changed);
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  return () => {
    media?.removeEventListener('change', changed);
    observer.disconnect();
  };
}
