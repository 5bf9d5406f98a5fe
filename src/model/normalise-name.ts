// The form names are compared in: case, accents and punctuation do not count, so "Lukashenka",
// "lukashenka" and "Łukashenka" meet, and "MZKT" matches "mzkt".

/** Lower-cased, accent-free, punctuation-free form of a name, id or alias. */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/gi, 'l')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
