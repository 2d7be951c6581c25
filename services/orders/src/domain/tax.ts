/**
 * Standard VAT rates, in percent, of the countries Mercato ships to by default: the EU's member
 * states and their neighbours (2025). Catalog prices include VAT, as B2C prices in these countries
 * must, so tax is the part of the total that is VAT, not an amount added to it.
 */
export const STANDARD_VAT_RATES: Readonly<Record<string, number>> = {
  AT: 20,
  BE: 21,
  BG: 20,
  CY: 19,
  CZ: 21,
  DE: 19,
  DK: 25,
  EE: 24,
  ES: 21,
  FI: 25.5,
  FR: 20,
  GR: 24,
  HR: 25,
  HU: 27,
  IE: 23,
  IT: 22,
  LT: 21,
  LU: 17,
  LV: 21,
  MT: 18,
  NL: 21,
  PL: 23,
  PT: 23,
  RO: 21,
  SE: 25,
  SI: 22,
  SK: 23,
  GB: 20,
  NO: 25,
  CH: 8.1,
  IS: 24,
};

/** `GB=20,US=0`: the TAX_RATES setting, which adds countries to the standard rates or changes them. */
export function parseTaxRates(text: string): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const m = /^([A-Z]{2})=(\d{1,2}(?:\.\d{1,2})?)$/.exec(entry);
    if (!m) throw new Error(`TAX_RATES entry "${entry}" is not COUNTRY=percent, such as GB=20`);
    rates[m[1]] = Number(m[2]);
  }
  return rates;
}

/** The VAT rate of a destination; 0 where none is known (the shop does not collect tax there). */
export const taxRateFor = (country: string, rates: Readonly<Record<string, number>>) => rates[country] ?? 0;

/** The VAT included in a gross amount at a rate: gross × rate / (100 + rate), to the nearest cent. */
export function includedTax(grossCents: number, ratePercent: number): number {
  return ratePercent > 0 ? Math.round((grossCents * ratePercent) / (100 + ratePercent)) : 0;
}
