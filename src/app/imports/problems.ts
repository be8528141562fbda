/**
 * What is wrong with a row of an import: a stable code for scripts and a sentence in each
 * language for the validation report's 问题 column. A row can have several.
 */
export interface Problem {
  code: string;
  zh: string;
  en: string;
}

export const problem = (code: string, zh: string, en: string): Problem => ({ code, zh, en });

/** The 问题 cell: Chinese first, the English after it, as the interface speaks everywhere. */
export const problemText = (p: Problem): string => `${p.zh} / ${p.en}`;
