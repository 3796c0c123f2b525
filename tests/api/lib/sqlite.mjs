// The sqlite3 command-line tool, for tests that change a server's database behind its back (an
// enterprise as an older build left it, a session idle for long). Such tests skip without the tool.
import { execFileSync } from 'node:child_process';

export const hasSqlite3 = (() => {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Runs `sql` on the database `file`; returns what sqlite3 printed. */
export const sqlite3 = (file, sql) => String(execFileSync('sqlite3', [file, sql]));
