// Where a command writes: injected so tests run commands in-process and read what they printed.
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export type CommandHandler = (args: readonly string[], io: CliIo) => Promise<number>;
