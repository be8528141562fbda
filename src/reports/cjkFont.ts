/**
 * The CJK font the PDF is set in, found at run time among Debian's packages. A PDF whose Chinese
 * comes out as empty boxes is worse than none, so without one the report refuses, naming the
 * packages that fix it. Fonts are not shipped with gridvax: Noto Sans CJK alone is 19 MB per
 * weight, and every Debian or Ubuntu machine can install it in one command.
 */
import { existsSync } from 'node:fs';
import { businessRule } from '../domain/errors.js';

export interface FontFace {
  path: string;
  /** The face's PostScript name inside a collection (.ttc); pdfkit needs it to pick one. */
  postscriptName: string;
}

export interface CjkFont {
  /** Debian package it comes from, for the report's metadata and error messages. */
  package: string;
  regular: FontFace;
  /** A bold weight when the package has one; headings fall back to regular otherwise. */
  bold: FontFace | null;
}

/** Where Debian's packages put them, best first: Noto's Simplified Chinese faces, then WenQuanYi. */
export const CJK_FONT_CANDIDATES: readonly CjkFont[] = [
  {
    package: 'fonts-noto-cjk',
    regular: {
      path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      postscriptName: 'NotoSansCJKsc-Regular',
    },
    bold: {
      path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
      postscriptName: 'NotoSansCJKsc-Bold',
    },
  },
  {
    package: 'fonts-wqy-microhei',
    regular: { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHei' },
    bold: null,
  },
];

/**
 * The first candidate whose regular face exists (its bold only if that exists too), or a
 * business-rule error telling the operator which package to install.
 */
export function findCjkFont(
  candidates: readonly CjkFont[] = CJK_FONT_CANDIDATES,
  exists: (path: string) => boolean = existsSync,
): CjkFont {
  for (const c of candidates) {
    if (!exists(c.regular.path)) continue;
    return { ...c, bold: c.bold && exists(c.bold.path) ? c.bold : null };
  }
  throw businessRule({
    code: 'report.no-cjk-font',
    message: {
      zh: '未找到中文字体，无法生成PDF：请安装 fonts-noto-cjk 或 fonts-wqy-microhei（apt-get install fonts-noto-cjk）',
      en: 'No CJK font found, cannot render the PDF: install fonts-noto-cjk or fonts-wqy-microhei (apt-get install fonts-noto-cjk)',
    },
  });
}
