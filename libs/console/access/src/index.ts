export * from './lib/login/login-page.component';
export * from './lib/setup/setup-page.component';
