// A HOC source file and the errors that point into it. Every error the loaders raise names
// file:line:column, the construct and the rule, and quotes the offending line with a caret.

export class Source {
  private readonly lineStarts: number[] = [0];

  constructor(readonly file: string, readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of a character offset. */
  lineCol(pos: number): { line: number; col: number } {
    const starts = this.lineStarts;
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: pos - starts[lo]! + 1 };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).replace(/\r$/, "");
  }
}

/** An error located in a source file: "file:line:col: construct: reason" plus the quoted line. */
export class HocError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly col: number,
    readonly construct: string,
    readonly reason: string,
    quoted: string,
  ) {
    super(`${file}:${line}:${col}: ${construct}: ${reason}${quoted}`);
    this.name = "HocError";
  }
}

export function hocError(src: Source, pos: number, construct: string, reason: string): HocError {
  const { line, col } = src.lineCol(Math.min(pos, src.text.length));
  const text = src.lineText(line);
  const shown = text.length > 160 ? text.slice(0, 160) + " …" : text;
  const caret = " ".repeat(Math.min(col - 1, 160)) + "^";
  return new HocError(src.file, line, col, construct, reason, `\n    ${shown}\n    ${caret}`);
}
