/** UPU S10's weights for the eight serial digits of an international postal item identifier. */
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** The S10 check digit of an eight-digit serial number. */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new Error(`an S10 serial is eight digits, not ${serial}`);
  const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** An S10 identifier such as `RR47312680 5GB` without the space: service code, serial, check digit, country. */
export function s10TrackingNumber(serviceCode: string, serial: string, country: string): string {
  return `${serviceCode}${serial}${s10CheckDigit(serial)}${country}`;
}

/** Whether an identifier is well formed and its check digit matches, as a carrier's counter would check it. */
export function isValidS10(trackingNumber: string): boolean {
  const m = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(trackingNumber);
  return !!m && s10CheckDigit(m[2]) === Number(m[3]);
}
