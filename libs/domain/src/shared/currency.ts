/**
 * Active ISO 4217 alphabetic codes (list one, as amended to 2025: XCG replaced ANG, ZWG
 * replaced ZWL, SLE replaced SLL; HRK and CUC are gone). Kept here rather than taken from
 * `Intl`, whose list also holds historic codes and varies with the runtime's ICU.
 * XTS (testing) and XXX (no currency) are left out on purpose: a cost always has a currency.
 */
export const ISO_4217_CURRENCIES: readonly string[] = Object.freeze(
  (
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP ' +
    'BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ' +
    'ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK ' +
    'JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD ' +
    'MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP ' +
    'PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP ' +
    'SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV ' +
    'WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG'
  ).split(' '),
);

const CURRENCY_SET: ReadonlySet<string> = new Set(ISO_4217_CURRENCIES);

/** Exact, upper-case match only: "usd" is refused rather than silently upper-cased. */
export function isIso4217Currency(code: string): boolean {
  return CURRENCY_SET.has(code);
}
