/** What a command may touch of the outside world, so tests run the whole CLI in-process with their own streams. */
export interface OutputStream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface Runtime {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
  env: Readonly<Record<string, string | undefined>>;
  /** The user's home directory (the config file lives under it unless XDG_CONFIG_HOME says otherwise). */
  homeDir: string;
  /** Aborted on Ctrl-C: following stops, nothing else is left half done. */
  signal: AbortSignal;
}
