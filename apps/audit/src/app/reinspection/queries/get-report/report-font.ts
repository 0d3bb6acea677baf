import { existsSync } from 'node:fs';

/** Where the report looks for a Unicode TTF font with Vietnamese glyphs when REPORT_FONT_PATH is not set (Debian's fonts-noto-core, fonts-dejavu-core). */
export const DEFAULT_REPORT_FONTS = [
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
];

export const REPORT_FONT = Symbol('REPORT_FONT');

/** The font file, or null (the PDF then answers 503 naming the variable). A REPORT_FONT_PATH that is not a file stops the service at start-up. */
export function reportFontFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env['REPORT_FONT_PATH'];
  if (given) {
    if (!existsSync(given)) throw new Error(`REPORT_FONT_PATH: no font file at ${given}`);
    return given;
  }
  return DEFAULT_REPORT_FONTS.find((path) => existsSync(path)) ?? null;
}
