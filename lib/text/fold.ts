/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d, single spaces.
 * "Nguyễn Văn Ấn" → "nguyen van an". Precomposed (NFC) and decomposed (NFD, as macOS
 * exports) text fold alike: every combining mark goes, not only the common block's.
 */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}
