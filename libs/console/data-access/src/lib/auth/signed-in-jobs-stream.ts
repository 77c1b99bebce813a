import { effect, inject, provideEnvironmentInitializer, untracked, type EnvironmentProviders } from '@angular/core';
import { JobsStream } from '../stream/jobs-stream';
import { AuthState } from './auth-state';

/**
 * The job stream is open while someone is signed in, and only then (it answers 401 otherwise).
 * When it drops, the session is checked: an EventSource cannot tell a 401 from a lost network, and
 * a session that ended must lead to the login page, not to "Reconnecting…" for ever.
 */
export function provideSignedInJobsStream(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => {
    const auth = inject(AuthState);
    const stream = inject(JobsStream);
    effect(() => {
      const signedIn = auth.signedIn();
      untracked(() => (signedIn ? stream.connect() : stream.disconnect()));
    });
    effect(() => {
      if (auth.signedIn() && stream.connection() === 'reconnecting') untracked(() => auth.verify());
    });
  });
}
