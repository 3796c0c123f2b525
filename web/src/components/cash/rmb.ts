// An amount in Chinese financial capitals (人民币大写), as printed on quotes and contracts:
// "15709.20" → "壹万伍仟柒佰零玖元贰角整".
import { toHundredths } from './lines';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const IN_GROUP = ['', '拾', '佰', '仟'];

/** The amount in capitals; '' when it is not a non-negative amount with at most two decimals. */
export function rmbUpper(value: unknown): string {
  const cents = toHundredths(value);
  if (cents === null) return '';
  const yuan = cents / 100n;
  const jiao = Number((cents / 10n) % 10n);
  const fen = Number(cents % 10n);
  if (cents === 0n) return '零元整';
  let out = '';
  if (yuan > 0n) {
    const digits = yuan.toString();
    if (digits.length > 16) return '';
    let zero = false;
    for (let i = 0; i < digits.length; i++) {
      const pos = digits.length - 1 - i;
      const d = Number(digits[i]);
      if (d === 0) zero = true;
      else {
        if (zero && out) out += '零';
        zero = false;
        out += DIGITS[d]! + IN_GROUP[pos % 4]!;
      }
      if (pos % 4 === 0 && pos > 0) {
        const group = digits.slice(Math.max(0, i - 3), i + 1);
        const groupIndex = pos / 4;
        if (/[1-9]/.test(group)) {
          if (groupIndex === 1) out += '万';
          else if (groupIndex === 2) out += '亿';
          else {
            // 万亿: "亿" too when the 亿 group below is empty.
            const below = digits.slice(i + 1, i + 5);
            out += /[1-9]/.test(below) ? '万' : '万亿';
          }
        }
      }
    }
    out += '元';
  }
  if (jiao === 0 && fen === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0n) out += '零';
  out += fen > 0 ? `${DIGITS[fen]}分` : '整';
  return out;
}
