/** Types for electron-binary.mjs (plain JS so `npm start` runs on bare Node). */
export type Env = Record<string, string | undefined>;

export type Run = (
  command: string,
  args: string[],
  options: { cwd: string; env: Env; captureStderr?: boolean },
) => Promise<{ code: number; stderr: string }>;

export interface StartDeskDeps {
  appDir: string;
  electronDir: string | null;
  env: Env;
  execPath: string;
  platform: string;
  run: Run;
  print(text: string): void;
  readText(file: string): string | null;
  exists(file: string): boolean;
}

export function findElectronBinary(deps: {
  electronDir: string;
  env: Env;
  readText(file: string): string | null;
  exists(file: string): boolean;
}): string | null;

export function npmInvocation(deps: {
  env: Env;
  execPath: string;
  platform: string;
  exists(file: string): boolean;
}): { command: string; args: string[] };

export function installerFailureReason(errorOutput: string): string;

export function electronMissingMessage(platform: string, reason?: string): string;

export function startDesk(deps: StartDeskDeps): Promise<number>;
