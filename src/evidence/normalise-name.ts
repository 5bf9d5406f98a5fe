// Normalisation of name tokens for mention matching: case, diacritics, possessives, Cyrillic
// (simple Russian/Belarusian/Ukrainian to Latin transliteration, close to BGN/PCGN without
// diacritics) and a small folding of common romanisation variants (kh/h, -iy/-yy/-y, ye/e, ya/ia,
// w/v, j/y, doubled letters), so "Zelenskiy", "Zelenskyy" and "Зеленский" fold to one key.
// Variants a folding cannot reach (Lukashenko/Lukashenka, Belarus/Byelorussia) come from aliases.

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ў: 'u',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
};

const LATIN_SPECIAL: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
  ð: 'd',
};

/** Transliterates Cyrillic letters of a lower-cased string to Latin; other characters unchanged. */
export function transliterate(lower: string): string {
  let out = '';
  for (const ch of lower) out += CYRILLIC[ch] ?? LATIN_SPECIAL[ch] ?? ch;
  return out;
}

/** Folds romanisation variants of a lower-case ASCII token to one key. */
export function foldVariants(t: string): string {
  return t
    .replace(/kh/g, 'h')
    .replace(/^ye/, 'e')
    .replace(/ya/g, 'ia')
    .replace(/yu/g, 'iu')
    .replace(/w/g, 'v')
    .replace(/j/g, 'y')
    .replace(/(?:iy|yy|yi|ii|ij)$/, 'y')
    .replace(/([a-z])\1+/g, '$1');
}

const cache = new Map<string, string>();

/**
 * The matching key of one word as written: possessive dropped, lower-cased, diacritics removed,
 * transliterated, variants folded. Pure; memoised.
 */
export function normaliseToken(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let t = word
    .replace(/['’ʼ]s$/i, '')
    .replace(/['’ʼ\u00ad]/g, '')
    .toLowerCase();
  if (!/^[a-z0-9]*$/.test(t))
    t = transliterate(t.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '');
  for (let k = 0, prev = ''; k < 4 && prev !== t; k++) [prev, t] = [t, foldVariants(t)];
  if (cache.size > 200_000) cache.clear();
  cache.set(word, t);
  return t;
}
