import { spawn } from 'node:child_process';
import { cupsPrinterPattern } from '../../../shared/domain/settings';

/**
 * An operating-system printer in raw mode (CUPS, on Linux and macOS): the receipt's ESC/POS bytes
 * go through `lp -d <printer> -o raw` untouched by any driver, and the printers come from
 * `lpstat`. CUPS keeps a job it accepted in its own spool, so a job counts as handed over when
 * `lp` exits 0; the printer's paper and cover are not readable this way (a network printer's are).
 * The commands are found on PATH and run without a shell: a printer name is an argument, never
 * command text.
 */

/** What CUPS accepts as a queue name; anything else is refused before `lp` runs. */
export { cupsPrinterPattern };

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export type RunCommand = (command: string, args: readonly string[], input?: Uint8Array) => Promise<CommandResult>;

/** Runs a command found on PATH, feeding `input` on stdin; never through a shell. */
export const runCommand: RunCommand = (command, args, input) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'], shell: false, env: { ...process.env, LC_ALL: 'C' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ? Buffer.from(input) : undefined);
  });

export interface CupsPrinter {
  name: string;
  /** `lpstat -p`: idle or printing (ready), or disabled (stopped by CUPS or the owner). */
  enabled: boolean;
}

/** The printers CUPS knows (`lpstat -e` for the names, `lpstat -p` for whether each is enabled); none when CUPS is not there. */
export async function listCupsPrinters(run: RunCommand = runCommand): Promise<{ available: boolean; printers: CupsPrinter[] }> {
  let names: CommandResult;
  try {
    names = await run('lpstat', ['-e']);
  } catch {
    return { available: false, printers: [] };
  }
  if (names.code !== 0) return { available: true, printers: [] };
  const list = names.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => cupsPrinterPattern.test(name));
  const disabled = new Set<string>();
  const states = await run('lpstat', ['-p']).catch(() => null);
  for (const line of states?.stdout.split('\n') ?? []) {
    const match = /^printer (\S+) disabled/.exec(line.trim());
    if (match?.[1]) disabled.add(match[1]);
  }
  return { available: true, printers: list.map((name) => ({ name, enabled: !disabled.has(name) })) };
}

export class CupsUnavailable extends Error {
  override readonly name = 'CupsUnavailable';
}

/** Hands the bytes to CUPS as a raw job; resolves with the job's id when CUPS took it. */
export async function printRaw(printer: string, bytes: Uint8Array, run: RunCommand = runCommand): Promise<string> {
  if (!cupsPrinterPattern.test(printer)) throw new CupsUnavailable('The printer name is not a CUPS queue name.');
  let result: CommandResult;
  try {
    result = await run('lp', ['-d', printer, '-o', 'raw'], bytes);
  } catch (error) {
    throw new CupsUnavailable(`lp could not be run: ${(error as Error).message}`);
  }
  if (result.code !== 0) throw new CupsUnavailable(`lp refused the job: ${result.stderr.trim() || `exit ${result.code}`}`);
  return /request id is (\S+)/.exec(result.stdout)?.[1] ?? '';
}
