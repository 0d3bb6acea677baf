export const FILE_IMPORT_SETTINGS = Symbol('FILE_IMPORT_SETTINGS');

export interface FileImportSettings {
  /** The largest file accepted, in bytes: a bigger Content-Length is refused with 413 before anything is read. */
  readonly maxBytes: number;
  /** The most form rows one file may hold; past it the import stops (what came before is kept). */
  readonly maxRows: number;
  /** Rows decided and written per transaction. */
  readonly chunkRows: number;
}

const whole = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) => {
  const raw = env[name] ?? String(fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${raw}`);
  return value;
};

/** Read once at start-up; a bad value stops the service. */
export function fileImportSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): FileImportSettings {
  return {
    maxBytes: whole(env, 'INTAKE_IMPORT_MAX_BYTES', 64 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxRows: whole(env, 'INTAKE_IMPORT_MAX_ROWS', 300_000, 1, 10_000_000),
    chunkRows: whole(env, 'INTAKE_IMPORT_CHUNK_ROWS', 500, 1, 10_000),
  };
}
