import fs from 'node:fs';
import path from 'node:path';

/**
 * An append-only text file that rolls over by size: name.log is current, then
 * name.1.log (newest old) … name.(maxFiles-1).log (oldest). Each write is a
 * synchronous write on an O_APPEND descriptor, so a line that was logged is on
 * disk even if the process dies right after.
 */
export class RotatingFile {
  readonly file: string;
  private fd: number | null = null;
  private size = 0;

  constructor(
    readonly dir: string,
    private readonly base: string,
    private readonly maxBytes: number,
    private readonly maxFiles: number,
  ) {
    this.file = path.join(dir, `${base}.log`);
  }

  /** Every file of the set that exists, newest first. */
  files(): string[] {
    const all = [this.file];
    for (let i = 1; i < this.maxFiles; i++) all.push(this.rotated(i));
    return all.filter((f) => fs.existsSync(f));
  }

  write(text: string): void {
    const bytes = Buffer.byteLength(text);
    this.open();
    if (this.size > 0 && this.size + bytes > this.maxBytes) {
      this.rotate();
      this.open();
    }
    fs.writeSync(this.fd!, text);
    this.size += bytes;
  }

  /** Closes the descriptor; a later write opens it again. */
  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    fs.closeSync(fd);
  }

  private rotated(i: number): string {
    return path.join(this.dir, `${this.base}.${i}.log`);
  }

  private open(): void {
    if (this.fd !== null) return;
    fs.mkdirSync(this.dir, { recursive: true });
    this.fd = fs.openSync(this.file, 'a');
    // Another process (the CLI next to the desktop app) may have written too.
    this.size = fs.fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    if (this.maxFiles <= 1) {
      fs.rmSync(this.file, { force: true });
      return;
    }
    fs.rmSync(this.rotated(this.maxFiles - 1), { force: true });
    for (let i = this.maxFiles - 2; i >= 1; i--) {
      if (fs.existsSync(this.rotated(i))) fs.renameSync(this.rotated(i), this.rotated(i + 1));
    }
    if (fs.existsSync(this.file)) fs.renameSync(this.file, this.rotated(1));
  }
}
