// A port of Go's text/tabwriter as kubectl configures it: cells are tab-terminated, the text after the
// last tab of a line is not part of any column, and a column block (consecutive lines that have a cell
// in that column) is as wide as its widest cell + padding, at least minwidth. Lines without a tab end
// every block, which is why `kubectl describe` sections align independently.

export interface TabwriterOptions {
  readonly minwidth: number;
  readonly padding: number;
}

/** printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3, ' ' (kubectl get). */
export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };
/** describe's tabbedString: minwidth 0, tabwidth 8, padding 2, ' '. */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Formats text the way a tabwriter.Writer would after Write(text) + Flush(). */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const endsWithNewline = text.endsWith('\n');
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  const lines = rawLines.map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i];
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        s += c;
        if (j < cells.length - 1 && j < widths.length) s += ' '.repeat(Math.max(0, widths[j] - runeCount(c)));
      }
      out[i] = s;
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = opts.minwidth;
      for (; t < line1; t++) {
        const cells = lines[t];
        if (column >= cells.length - 1) break;
        const w = runeCount(cells[column]) + opts.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      // Go's loop also steps past line t here: it has no cell in this column.
      line0 = t;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}
