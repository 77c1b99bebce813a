export * from './lib/page/jobs-page.component';
export * from './lib/detail/job-detail-page.component';
