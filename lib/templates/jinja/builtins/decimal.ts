/**
 * Decimal digits of a double rounded as Python rounds them: to nearest, and on an exact tie (the binary
 * value lies exactly halfway, like 0.125 or 2.5) to the even digit. JS's toFixed/toExponential round ties
 * up, so `'%.2f' % 0.125` and `round(2.5)` would differ without this.
 */
const GUARD = 25;

function isExactTie(wide: string): boolean {
  return /^50*$/.test(wide.slice(wide.length - GUARD));
}

const lastDigitEven = (digits: string): boolean => Number(digits.replace(/\D/g, '').at(-1) ?? '0') % 2 === 0;

/** |x| with `places` digits after the point (x ≥ 0). */
export function toFixedEven(x: number, places: number): string {
  if (places + GUARD > 100 || x >= 1e21) return x.toFixed(Math.min(places, 100));
  const wide = x.toFixed(places + GUARD);
  if (!isExactTie(wide)) return x.toFixed(places);
  const truncated = wide.slice(0, wide.length - GUARD).replace(/\.$/, '');
  return lastDigitEven(truncated) ? truncated : x.toFixed(places);
}

/** |x| as d.ddd…e±n with `places` digits after the point (x ≥ 0), JS exponent syntax. */
export function toExponentialEven(x: number, places: number): string {
  if (places + GUARD > 100) return x.toExponential(Math.min(places, 100));
  const [mantissa = '', exp = ''] = x.toExponential(places + GUARD).split('e');
  if (!isExactTie(mantissa)) return x.toExponential(places);
  const truncated = mantissa.slice(0, mantissa.length - GUARD).replace(/\.$/, '');
  return lastDigitEven(truncated) ? `${truncated}e${exp}` : x.toExponential(places);
}

/** Python's round(x, ndigits) for a float. */
export function roundHalfEven(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits >= 0) {
    if (ndigits > 22) return x;
    const sign = x < 0 ? -1 : 1;
    return sign * Number(toFixedEven(Math.abs(x), ndigits));
  }
  const unit = 10 ** -ndigits;
  const scaled = x / unit;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  const rounded = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  return rounded * unit;
}
