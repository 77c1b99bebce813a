/** Test-only helpers: the fake OpenAI-compatible server and the analyzers' image factories. */
export * from '@atelier/testing/fake-openai';
export * from '@atelier/analyzers/testing';

