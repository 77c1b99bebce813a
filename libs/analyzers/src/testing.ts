export * from './lib/testing/test-images';
