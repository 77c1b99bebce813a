export * from './testing/test-namespace';
