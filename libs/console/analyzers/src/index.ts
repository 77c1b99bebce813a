export * from './lib/page/analyzers-page.component';
