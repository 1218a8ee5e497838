/**
 * What a scanned token was, before the way it reached us changed it
 * (docs/decisions/0013-token-normalisation.md). Pure: runs on the server and on the door device.
 *
 * A keyboard-wedge scanner types the token's characters as keystrokes. Caps Lock turns them
 * lowercase; a Vietnamese input method left on rewrites them: Telex turns "DD" into "Đ", "AA"
 * into "Â", "OW" into "Ơ", a bare "W" into "Ư", and the keys S F R X J into tone marks on the
 * vowels before them; VNI does the same with the digits 2–7 (which are also token characters).
 * The rewrite loses where the key was, so one scanned text can have several readings:
 * `normalizeToken` lists them all (none if there are too many, or none fits) and the caller
 * accepts the one reading that the campaign signed — never a guess.
 */
import { TOKEN_LENGTH } from "./token-format";

/** More readings than this and the scan is refused: each one costs a signature check. */
export const MAX_TOKEN_READINGS = 256;

const INVISIBLE = /[\s\u0000-\u001F\u007F\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/gu;
const BASE32 = /^[A-Z2-7]*$/;
const VOWELS = new Set(["A", "E", "I", "O", "U", "Y"]);

/**
 * The scanned text without whitespace or invisible characters, upper-cased (Vietnamese letters
 * stay, upper-cased, for normalizeToken to undo). What the door's API and the device keep.
 */
export function cleanTokenText(raw: string): string {
  return raw.replace(INVISIBLE, "").normalize("NFC").toUpperCase();
}

type Mark = "hat" | "breve" | "horn" | "stroke" | "acute" | "grave" | "hook" | "tilde" | "dot";
const COMBINING: Record<string, Mark> = {
  "\u0302": "hat",
  "\u0306": "breve",
  "\u031B": "horn",
  "\u0301": "acute",
  "\u0300": "grave",
  "\u0309": "hook",
  "\u0303": "tilde",
  "\u0323": "dot",
};
const TONES = new Set<Mark>(["acute", "grave", "hook", "tilde", "dot"]);

interface Unit {
  base: string;
  marks: Mark[];
}

/** Letters with their marks; null if a character is not A–Z, 2–7 or a Vietnamese letter over them. */
function unitsOf(clean: string): Unit[] | null {
  const units: Unit[] = [];
  for (const char of clean.normalize("NFD")) {
    const mark = COMBINING[char];
    if (mark) {
      const last = units.at(-1);
      if (!last || !/[A-Z]/.test(last.base) || last.marks.includes(mark)) return null;
      last.marks.push(mark);
    } else if (char === "Đ") {
      units.push({ base: "D", marks: ["stroke"] });
    } else if (/^[A-Z2-7]$/.test(char)) {
      units.push({ base: char, marks: [] });
    } else {
      return null;
    }
  }
  return units;
}

/** The key each input method types for a mark, or null if it cannot have made it. */
type Method = "telex" | "vni";
const TONE_KEY: Record<Method, Partial<Record<Mark, string>>> = {
  telex: { acute: "S", grave: "F", hook: "R", tilde: "X", dot: "J" },
  // VNI's acute is 1, which no token holds.
  vni: { grave: "2", hook: "3", tilde: "4", dot: "5" },
};

/** A key taken out of the text: it goes back in at one of the slots from..to (slot k = before letter k of the word). */
interface LostKey {
  key: string;
  from: number;
  to: number;
}

/**
 * A word's readings: the letters between two digits the input method left alone. Keys that
 * mark the letter before them (Telex AA EE OO DD AW OW UW W) go back right after it (or after
 * its tone key); tone keys
 * (and VNI's 6 and 7) mark a vowel before them and may have come anywhere after it up to the
 * vowel group after the next consonants (the input method moves a tone within its group).
 */
function wordReadings(word: Unit[], method: Method, limit: number): string[] | null {
  let variants: Variant[] = [{ letters: [], lost: [] }];
  for (let i = 0; i < word.length; i++) {
    const options = letterReadings(word, i, method);
    if (!options) return null;
    variants = dedupeVariants(variants.flatMap((v) => options.map((o) => ({ letters: [...v.letters, o.letters], lost: [...v.lost, ...o.lost] }))));
    if (variants.length > limit) return null;
  }
  const readings = new Set<string>();
  for (const v of variants) {
    if (!placeLostKeys(v.letters, v.lost, readings, limit)) return null;
  }
  return [...readings];
}

interface Variant {
  letters: string[];
  lost: LostKey[];
}

/** What letter i of the word was typed as: its keys, and the keys that marked it later. */
function letterReadings(word: Unit[], i: number, method: Method): { letters: string; lost: LostKey[] }[] | null {
  const { base, marks } = word[i];
  let groupEnd = i + 1;
  while (groupEnd < word.length && VOWELS.has(word[groupEnd].base)) groupEnd++;
  let nextVowel = groupEnd;
  while (nextVowel < word.length && !VOWELS.has(word[nextVowel].base)) nextVowel++;
  const later = (key: string): LostKey => ({ key, from: i + 1, to: nextVowel });
  // Telex's second key comes right after the letter, or after its tone key ("OJO" → "Ộ").
  const next = (key: string): LostKey => ({ key, from: i + 1, to: i + 1 });

  const lost: LostKey[] = [];
  let hornedU = false;
  for (const mark of marks) {
    if (TONES.has(mark)) {
      const key = TONE_KEY[method][mark];
      if (!key || !VOWELS.has(base)) return null;
      lost.push(later(key));
    } else if (method === "vni") {
      if (mark === "hat" && "AEO".includes(base)) lost.push(later("6"));
      else if (mark === "horn" && base === "O") lost.push(later("7"));
      else if (mark === "horn" && base === "U") hornedU = true;
      else return null;
    } else if (mark === "hat" && "AEO".includes(base)) lost.push(next(base));
    else if (mark === "stroke" && base === "D") lost.push(next("D"));
    else if ((mark === "breve" && base === "A") || (mark === "horn" && base === "O")) lost.push(next("W"));
    else if (mark === "horn" && base === "U") hornedU = true;
    else return null;
  }
  if (!hornedU) return [{ letters: base, lost }];
  // Before a horned O, the key that horned the O may have horned both (Telex "UOW", VNI "UO7" → "ƯƠ").
  const sharesHorn = word[i + 1]?.base === "O" && word[i + 1].marks.includes("horn");
  const shared = sharesHorn ? [{ letters: "U", lost }] : [];
  // Telex: Ư is "UW", or a bare "W".
  if (method === "telex") return [{ letters: "U", lost: [...lost, next("W")] }, { letters: "W", lost }, ...shared];
  return [{ letters: "U", lost: [...lost, later("7")] }, ...shared];
}

function dedupeVariants(variants: Variant[]): Variant[] {
  const seen = new Map<string, Variant>();
  for (const v of variants) seen.set(`${v.letters.join("|")}#${v.lost.map((k) => `${k.key}${k.from}-${k.to}`).join(",")}`, v);
  return [...seen.values()];
}

/** Every way to put the lost keys back (keys sharing a slot in either order) into `out`; false past the limit. */
function placeLostKeys(letters: string[], lost: LostKey[], out: Set<string>, limit: number): boolean {
  let count = 1;
  for (const k of lost) count *= k.to - k.from + 1;
  if (count * Math.max(1, lost.length) > limit * 4) return false;
  const slots: string[][] = Array.from({ length: letters.length + 1 }, () => []);
  const place = (n: number): boolean => {
    if (n === lost.length) {
      for (const text of orderings(letters, slots)) {
        out.add(text);
        if (out.size > limit) return false;
      }
      return true;
    }
    for (let s = lost[n].from; s <= lost[n].to; s++) {
      slots[s].push(lost[n].key);
      const ok = place(n + 1);
      slots[s].pop();
      if (!ok) return false;
    }
    return true;
  };
  return place(0);
}

/** The word with the keys in each slot, in every order they could have been typed. */
function orderings(letters: string[], slots: string[][]): string[] {
  let texts = [""];
  for (let s = 0; s <= letters.length; s++) {
    const orders = permutations(slots[s]);
    texts = texts.flatMap((t) => orders.map((o) => t + o + (letters[s] ?? "")));
  }
  return texts;
}

function permutations(keys: string[]): string[] {
  if (keys.length <= 1) return [keys.join("")];
  return [...new Set(keys.flatMap((k, i) => permutations([...keys.slice(0, i), ...keys.slice(i + 1)]).map((rest) => k + rest)))];
}

/** The readings under one input method: each word's readings, combined; null past the limit. */
function readingsWith(units: Unit[], method: Method, limit: number): string[] | null {
  let texts = [""];
  let word: Unit[] = [];
  const closeWord = () => {
    if (word.length === 0) return true;
    const readings = wordReadings(word, method, limit);
    word = [];
    if (!readings || texts.length * readings.length > limit * 4) return false;
    texts = texts.flatMap((t) => readings.map((r) => t + r));
    return true;
  };
  for (const unit of units) {
    if (/[2-7]/.test(unit.base)) {
      if (!closeWord()) return null;
      texts = texts.map((t) => t + unit.base);
    } else {
      word.push(unit);
    }
  }
  return closeWord() ? texts : null;
}

/**
 * A key typed twice undoes itself and stays as one letter (Telex "AAA" → "AA", "ASS" → "AS",
 * "WW" → "W", VNI "A22" → "A2"): a reading one letter short may have lost a copy of such a letter.
 */
function withUndoneKey(reading: string, method: Method): string[] {
  const out: string[] = [];
  for (let j = 0; j < reading.length; j++) {
    const c = reading[j];
    const doubled = c === reading[j - 1] && (method === "telex" ? "AEOD" : "").includes(c);
    const key = method === "telex" ? "WSFRXJ".includes(c) : "234567".includes(c);
    if ((doubled || key) && c !== reading[j + 1]) out.push(reading.slice(0, j + 1) + c + reading.slice(j + 1));
  }
  return out;
}

/**
 * The tokens the scanned text can have been: for a clean token (any case, spaces, invisible
 * characters) exactly itself; for one rewritten by Telex or VNI every reading of the right
 * length; none when nothing fits or there are more than MAX_TOKEN_READINGS. The caller accepts
 * a reading only if exactly one is authentic (signed, or issued by the server).
 */
export function normalizeToken(raw: string): string[] {
  const limit = MAX_TOKEN_READINGS;
  const length = TOKEN_LENGTH;
  const clean = cleanTokenText(raw);
  if (BASE32.test(clean) && clean.length === length) return [clean];
  const units = unitsOf(clean);
  if (!units) return [];
  const readings = new Set<string>();
  for (const method of ["telex", "vni"] as const) {
    for (const r of readingsWith(units, method, limit) ?? []) {
      if (r.length === length) readings.add(r);
      else if (r.length === length - 1) for (const longer of withUndoneKey(r, method)) readings.add(longer);
      if (readings.size > limit) return [];
    }
  }
  if (readings.size === 0 && BASE32.test(clean)) return [clean];
  return [...readings];
}
