/**
 * Text folding for search: case- and diacritics-insensitive for Vietnamese and English,
 * punctuation-insensitive for every language, unchanged for Chinese characters.
 *
 * Folding works character by character (apart from collapsing separator runs), so the folded
 * form of any piece of a name is found inside the folded name.
 */

/** Folds a text for matching: strips diacritics (đ → d), lower-cases, turns punctuation runs into one space. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Splits a folded text into its words (Chinese runs stay whole). */
export function foldedTokens(folded: string): string[] {
  return folded.split(' ').filter((t) => t.length > 0);
}
