import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabwrite } from './tabwriter';

describe('tabwrite (Go text/tabwriter semantics)', () => {
  it.each([
    // minwidth 6 applies to the cell + padding, so a 2-char column is still 6 wide
    ['short cells reach minwidth 6', 'A\tB\nxy\tz\n', GET_TABWRITER, 'A     B\nxy    z\n'],
    // widest cell (7) + padding 3 = 10
    ['widest cell plus padding 3', 'NAME\tAGE\npv-long\t5s\n', GET_TABWRITER, 'NAME      AGE\npv-long   5s\n'],
    // the text after the last tab is not a column: never padded
    ['trailing cell is not padded', 'a\tb\tc\n', GET_TABWRITER, 'a     b     c\n'],
    // empty cells still take the column width
    ['empty cells are padded', 'A\tB\tC\n\tx\ty\n', GET_TABWRITER, 'A     B     C\n      x     y\n'],
    // a line without a tab ends the column block: the blocks align independently
    ['a tabless line splits blocks', 'Name:\tx\nSource:\n    Type:\tlong value\n', DESCRIBE_TABWRITER, 'Name:  x\nSource:\n    Type:  long value\n'],
    // nested columns: column 1 aligns only across lines that have it
    [
      'column blocks nest',
      'a\tb\tc\naaaa\tb\nx\tyy\tz\n',
      DESCRIBE_TABWRITER,
      'a     b  c\naaaa  b\nx     yy  z\n',
    ],
  ])('%s', (_name, input, opts, want) => {
    expect(tabwrite(input, opts)).toBe(want);
  });
});
