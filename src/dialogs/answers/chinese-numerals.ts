/** Chinese numerals as people type them in answers: 三, 十五, 二十一, 两百, 一百零五, and digit by digit: 二〇二二. */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** The characters of a Chinese numeral, for use inside a RegExp character class. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/** The value of a Chinese numeral, or null when the text is not one. */
export function parseChineseNumber(text: string): number | null {
  if (text.length === 0) return null;
  const chars = [...text];
  if (chars.every((char) => DIGITS[char] !== undefined)) {
    return chars.reduce((value, char) => value * 10 + (DIGITS[char] ?? 0), 0);
  }
  return parseWithUnits(chars);
}

function parseWithUnits(chars: readonly string[]): number | null {
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Number.POSITIVE_INFINITY;
  for (const char of chars) {
    const digit = DIGITS[char];
    const unit = UNITS[char];
    if (digit !== undefined) {
      // Two digits in a row only make sense after 零 (一百零五).
      if (pending !== null && pending !== 0) return null;
      pending = digit;
    } else if (unit !== undefined) {
      if (unit >= lastUnit || pending === 0) return null;
      // 十五 means 一十五, and 一百十 is 一百一十; other units need their digit (not 百十).
      if (pending === null && unit !== 10) return null;
      total += (pending ?? 1) * unit;
      pending = null;
      lastUnit = unit;
    } else {
      return null;
    }
  }
  return total + (pending ?? 0);
}

/** Arabic digits or a Chinese numeral; null for anything else. */
export function parseNumberWord(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  return parseChineseNumber(text);
}
