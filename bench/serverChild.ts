import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then wait for it to exit (SIGKILL after a grace period). */
  stop(): Promise<void>;
}

/**
 * Starts a server as a child process of this one and waits for the address it prints on stderr
 * (`gridvax serve` and bareServer both print theirs there). The child's stdout is discarded;
 * its stderr is kept to explain a failure.
 */
export function startServer(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<RunningServer> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise<RunningServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`server did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      // Only the start and the last lines matter: the address, or why it failed.
      stderr = (stderr + chunk).slice(-16_384);
      const url = /http:\/\/[0-9.]+:\d+/.exec(stderr)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child, stop });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening: ${stderr}`));
    });
  });
}
