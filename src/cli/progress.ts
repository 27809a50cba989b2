import cliProgress from 'cli-progress';

/** Progress of a long command: a bar per step on a terminal, nothing otherwise (CI logs stay clean). */
export interface Progress {
  step(label: string, total: number): void;
  advance(count: number): void;
  done(): void;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { step() {}, advance() {}, done() {} };
  const bars = new cliProgress.MultiBar({ stream, format: ' {label} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  let bar: cliProgress.SingleBar | undefined;
  return {
    step(label, total) {
      bar?.stop();
      bar = bars.create(total, 0, { label: label.padEnd(18) });
    },
    advance(count) {
      bar?.increment(count);
    },
    done() {
      bar?.stop();
      bars.stop();
    },
  };
}

export const silentProgress: Progress = { step() {}, advance() {}, done() {} };
