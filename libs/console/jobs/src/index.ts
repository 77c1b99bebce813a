export * from './lib/page/jobs-page.component';
