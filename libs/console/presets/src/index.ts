export * from './lib/list/presets-page.component';
export * from './lib/detail/preset-detail-page.component';
