/**
 * A copy of a string that keeps nothing else alive. V8 makes a substring of 13 characters or
 * more a view into its parent, so an ID number split out of a CSV chunk holds the whole
 * megabyte chunk in memory; kept for a million rows (the duplicate check, the households),
 * that was every chunk of the file. Concatenating flattens into a fresh string the size of the
 * value, and the slice is then a view into that small string only.
 */
export const ownString = (s: string): string => ` ${s}`.slice(1);
