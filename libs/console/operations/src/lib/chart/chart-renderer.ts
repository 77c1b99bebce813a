import { InjectionToken } from '@angular/core';
import type uPlot from 'uplot';

/** The part of a uPlot instance the chart component uses. */
export interface ChartHandle {
  setData(data: uPlot.AlignedData): void;
  setSize(size: { width: number; height: number }): void;
  destroy(): void;
}

/** Draws a chart into an element. */
export type DrawChart = (options: uPlot.Options, data: uPlot.AlignedData, target: HTMLElement) => ChartHandle;

/**
 * Loads what draws the charts: uPlot on a canvas, loaded on first use, so that it stays out of
 * every bundle but the dashboard's. Tests swap in a recorder (jsdom has no canvas).
 */
export const CHART_RENDERER = new InjectionToken<() => Promise<DrawChart>>('CHART_RENDERER', {
  providedIn: 'root',
  factory: () => () => import('uplot').then(({ default: UPlot }) => (options, data, target) => new UPlot(options, data, target)),
});
