import cliProgress from 'cli-progress';

export interface Progress {
  /** Starts (or restarts) a stage with its total amount of work. */
  stage(label: string, total: number): void;
  tick(n?: number): void;
  done(): void;
}

export const silentProgress: Progress = { stage() {}, tick() {}, done() {} };

/**
 * A progress bar on stderr when it is a terminal and the output is not for a machine; silent
 * otherwise, so `--json` output and logs stay clean.
 */
export function terminalProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return silentProgress;
  let bar: cliProgress.SingleBar | undefined;
  return {
    stage(label, total) {
      bar?.stop();
      bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: `${label.padEnd(22)} {bar} {percentage}% | {value}/{total} | {eta_formatted}`,
          hideCursor: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    tick(n = 1) {
      bar?.increment(n);
    },
    done() {
      bar?.stop();
      bar = undefined;
    },
  };
}
