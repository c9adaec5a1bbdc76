import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { MigrationLevel, SequenceState } from './catalog';

/*
 * The backup file: JSON lines, readable with any tool and independent of the driver that wrote it.
 *
 *   line 1            header: format, version, migration level, tables (columns, row count) in restore order,
 *                     the owned sequences' positions
 *   next rows(t1)     one row of the first table each: Postgres' own row_to_json text, written as it came
 *   …                 then the rows of the next table, and so on
 *   last line         {"sha256": hex digest of every byte before this line}
 *
 * Rows are never parsed by JavaScript on either side: Postgres renders them (timestamps keep their
 * microseconds, bigints every digit) and reads them back with json_populate_recordset, so a round trip is
 * exact on every driver. The trailer catches a truncated or edited file before anything is restored.
 */

export const BACKUP_FORMAT = 'todo-chatbot-backup';
/** Bumped when a reader of the previous version could misread the file. */
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  readonly createdAt: string;
  readonly driver: string;
  readonly migrations: MigrationLevel;
  readonly tables: readonly {
    readonly name: string;
    readonly columns: readonly string[];
    readonly rows: number;
  }[];
  readonly sequences: readonly SequenceState[];
}

/** A backup that cannot be restored as it is: wrong format, damaged, or from another schema. */
export class BackupFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'BackupFileError';
  }
}

function parseHeader(file: string, line: string | undefined): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line ?? '') as Partial<BackupHeader>;
  } catch {
    throw new BackupFileError(file, 'not a todo-chatbot backup (the first line is not JSON)');
  }
  if (header.format !== BACKUP_FORMAT)
    throw new BackupFileError(file, `not a todo-chatbot backup (format ${JSON.stringify(header.format)})`);
  if (header.version !== BACKUP_VERSION)
    throw new BackupFileError(
      file,
      `backup format version ${header.version} is not supported (this app reads version ${BACKUP_VERSION})`,
    );
  if (!Array.isArray(header.tables) || !Array.isArray(header.sequences) || !header.migrations)
    throw new BackupFileError(file, 'the header lacks tables, sequences or migrations');
  return header as BackupHeader;
}

/**
 * Checks a backup end to end (header, line count, checksum) and returns its header: a restore reads the file
 * twice, so nothing from a cut or damaged file ever reaches the database.
 */
export async function verifyBackup(file: string): Promise<BackupHeader> {
  const hash = createHash('sha256');
  let header: BackupHeader | undefined;
  let lines = 0;
  let last: string | undefined;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (last !== undefined) hash.update(last + '\n');
    if (lines === 0) header = parseHeader(file, line);
    last = line;
    lines++;
  }
  if (!header) throw new BackupFileError(file, 'the file is empty');
  const expected = 1 + header.tables.reduce((n, t) => n + t.rows, 0) + 1;
  if (lines !== expected)
    throw new BackupFileError(
      file,
      `${lines} lines where the header announces ${expected}: the file is cut or edited`,
    );
  let trailer: { sha256?: string };
  try {
    trailer = JSON.parse(last ?? '') as { sha256?: string };
  } catch {
    throw new BackupFileError(file, 'the last line is not the checksum: the file is cut');
  }
  if (trailer.sha256 !== hash.digest('hex'))
    throw new BackupFileError(file, 'checksum mismatch: the file is damaged or was edited');
  return header;
}

/** Each table's rows (the JSON texts the file holds), in the header's order, in batches of ≈ `batchBytes`. */
export async function* readRowBatches(
  file: string,
  header: BackupHeader,
  batchBytes = 1 << 20,
): AsyncGenerator<{ table: string; rows: string[] }> {
  const input: AsyncIterator<string, undefined> = createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })[Symbol.asyncIterator]();
  await input.next(); // the header
  for (const table of header.tables) {
    let batch: string[] = [];
    let size = 0;
    for (let i = 0; i < table.rows; i++) {
      const { value, done } = await input.next();
      if (done) throw new BackupFileError(file, `table ${table.name} ends early`);
      batch.push(value);
      size += value.length;
      if (size >= batchBytes) {
        yield { table: table.name, rows: batch };
        batch = [];
        size = 0;
      }
    }
    if (batch.length > 0) yield { table: table.name, rows: batch };
  }
  await input.return?.();
}
