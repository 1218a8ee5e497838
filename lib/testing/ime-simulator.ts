/**
 * For tests: what a Vietnamese input method (Unikey-like Telex or VNI, free tone placement, no
 * spell check) makes of text typed key by key, as a keyboard-wedge scanner types a token.
 *
 * Telex: AA EE OO → Â Ê Ô, DD → Đ, AW → Ă, OW UW → Ơ Ư, UOW → ƯƠ, a W after anything else → Ư;
 * S F R X J put a tone on the last vowel group of the word (Z takes it off). VNI: 2 3 4 5 are the
 * tones (1 is acute, absent from tokens), 6 the circumflex, 7 the horn, on the last vowel group.
 * A key typed twice undoes itself and stays as a letter ("AAA" → "AA", "ASS" → "AS"); a second,
 * different tone replaces the first. A digit the method does not take ends the word.
 */
type Tone = "acute" | "grave" | "hook" | "tilde" | "dot";

interface Letter {
  base: string;
  lower: boolean;
  hat?: boolean;
  breve?: boolean;
  horn?: boolean;
  stroke?: boolean;
  bareW?: boolean;
  tone?: Tone;
}

const VOWELS = new Set(["A", "E", "I", "O", "U", "Y"]);
const TELEX_TONES: Record<string, Tone> = { S: "acute", F: "grave", R: "hook", X: "tilde", J: "dot" };
const VNI_TONES: Record<string, Tone> = { "1": "acute", "2": "grave", "3": "hook", "4": "tilde", "5": "dot" };
const COMBINING: Record<Tone, string> = { acute: "\u0301", grave: "\u0300", hook: "\u0309", tilde: "\u0303", dot: "\u0323" };

function render(l: Letter): string {
  let text = l.stroke ? "Đ" : l.base;
  if (l.hat) text += "\u0302";
  if (l.breve) text += "\u0306";
  if (l.horn) text += "\u031B";
  if (l.tone) text += COMBINING[l.tone];
  text = text.normalize("NFC");
  return l.lower ? text.toLowerCase() : text;
}

const FINALS = new Set(["", "C", "CH", "M", "N", "NG", "NH", "P", "T"]);
const INITIALS = new Set("|B|C|CH|D|G|GH|GI|H|K|KH|L|M|N|NG|NGH|NH|P|PH|Q|R|S|T|TH|TR|V|X".split("|"));

/**
 * The last group of vowels in the word (indices), or [] if it has none. A spell-checking
 * input method takes it only if the word can be a Vietnamese syllable (initial, vowels, final).
 */
function nucleus(word: Letter[], spellCheck = false): number[] {
  let end = word.length - 1;
  while (end >= 0 && !VOWELS.has(word[end].base)) end--;
  const group: number[] = [];
  for (let i = end; i >= 0 && VOWELS.has(word[i].base); i--) group.unshift(i);
  if (!spellCheck || group.length === 0) return group;
  return isSyllable(word) ? group : [];
}

/** Initial consonants, one to three vowels, a final consonant: what a spell-checking input method marks. */
function isSyllable(word: Letter[]): boolean {
  const first = word.findIndex((l) => VOWELS.has(l.base));
  if (first < 0) return INITIALS.has(word.map((l) => l.base).join(""));
  let end = first;
  while (end < word.length && VOWELS.has(word[end].base)) end++;
  const letters = (from: number, to: number) =>
    word
      .slice(from, to)
      .map((l) => l.base)
      .join("");
  return INITIALS.has(letters(0, first)) && end - first <= 3 && FINALS.has(letters(end, word.length));
}

/** Where the tone goes: a marked vowel, else the only one, else the last if a consonant closes the syllable, else the old style. */
function toneTarget(word: Letter[], group: number[]): number {
  const marked = group.filter((i) => word[i].hat || word[i].breve || word[i].horn);
  if (marked.length > 0) return marked.at(-1)!;
  if (group.length === 1) return group[0];
  const closed = group.at(-1)! < word.length - 1;
  if (closed) return group.at(-1)!;
  return group.length === 2 ? group[0] : group[1];
}

export interface TypingStyle {
  /** Marks only syllables that can be Vietnamese (a valid final consonant after the vowels). */
  spellCheck?: boolean;
}

class Typist {
  constructor(readonly style: TypingStyle) {}
  out = "";
  word: Letter[] = [];
  /** After an undo the input method leaves the rest of the word alone. */
  raw = false;

  literal(key: string) {
    this.word.push({ base: key.toUpperCase(), lower: key !== key.toUpperCase() });
  }
  endWord(then = "") {
    this.out += this.word.map(render).join("") + then;
    this.word = [];
    this.raw = false;
  }
  undo(key: string) {
    this.literal(key);
    this.raw = true;
  }
  /** A tone key; false if there is no vowel to take it. */
  tone(key: string, tone: Tone): boolean {
    const group = nucleus(this.word, this.style.spellCheck);
    if (group.length === 0) return false;
    const toned = group.find((i) => this.word[i].tone);
    if (toned !== undefined) {
      if (this.word[toned].tone === tone) {
        this.word[toned].tone = undefined;
        this.undo(key);
      } else {
        this.word[toned].tone = tone;
      }
      return true;
    }
    this.word[toneTarget(this.word, group)].tone = tone;
    return true;
  }
  text() {
    this.endWord();
    return this.out;
  }
}

export function typeTelex(keys: string, style: TypingStyle = {}): string {
  const t = new Typist(style);
  for (const key of keys) {
    const K = key.toUpperCase();
    const lower = key !== K;
    const last = t.word.at(-1);
    if (/[0-9]/.test(key)) t.endWord(key);
    else if (t.raw) t.literal(key);
    else if (style.spellCheck && "ADEOW".includes(K) && !isSyllable([...t.word, { base: K === "W" ? "U" : K, lower }])) t.literal(key);
    else if (K === "D" && last?.base === "D") {
      if (last.stroke) {
        last.stroke = false;
        t.undo(key);
      } else last.stroke = true;
    } else if ("AEO".includes(K) && last?.base === K && !last.breve && !last.horn) {
      if (last.hat) {
        last.hat = false;
        t.undo(key);
      } else last.hat = true;
    } else if (K === "W") {
      const before = t.word.at(-2);
      if (last?.bareW) {
        t.word.pop();
        t.undo(key);
      } else if (last?.base === "O" && !last.hat && !last.horn && before?.base === "U" && !before.horn) {
        last.horn = before.horn = true;
      } else if (last && (last.base === "A" ? !last.hat : last.base === "O" ? !last.hat : last.base === "U")) {
        if (last.breve || last.horn) {
          last.breve = last.horn = false;
          t.undo(key);
        } else if (last.base === "A") last.breve = true;
        else last.horn = true;
      } else {
        t.word.push({ base: "U", lower, horn: true, bareW: true });
      }
    } else if (TELEX_TONES[K]) {
      if (!t.tone(key, TELEX_TONES[K])) t.literal(key);
    } else if (K === "Z") {
      const toned = nucleus(t.word, style.spellCheck).find((i) => t.word[i].tone);
      if (toned !== undefined) t.word[toned].tone = undefined;
      else t.literal(key);
    } else t.literal(key);
  }
  return t.text();
}

export function typeVni(keys: string, style: TypingStyle = {}): string {
  const t = new Typist(style);
  for (const key of keys) {
    const group = nucleus(t.word, style.spellCheck);
    const taken = (() => {
      if (!/[0-9]/.test(key)) return false;
      if (t.raw || group.length === 0) return false;
      if (VNI_TONES[key]) return t.tone(key, VNI_TONES[key]);
      if (key === "6") {
        const target = group.filter((i) => "AEO".includes(t.word[i].base)).at(-1);
        if (target === undefined || t.word[target].horn || t.word[target].breve) return false;
        if (t.word[target].hat) {
          t.word[target].hat = false;
          t.raw = true;
          return false;
        }
        t.word[target].hat = true;
        return true;
      }
      if (key === "7") {
        const u = group.find((i) => t.word[i].base === "U" && t.word[i + 1]?.base === "O" && group.includes(i + 1));
        if (u !== undefined && !t.word[u].horn && !t.word[u + 1].horn && !t.word[u + 1].hat) {
          t.word[u].horn = t.word[u + 1].horn = true;
          return true;
        }
        const target = group.filter((i) => "OU".includes(t.word[i].base)).at(-1);
        if (target === undefined || t.word[target].hat) return false;
        if (t.word[target].horn) {
          t.word[target].horn = false;
          t.raw = true;
          return false;
        }
        t.word[target].horn = true;
        return true;
      }
      return false;
    })();
    if (taken) continue;
    if (/[0-9]/.test(key)) t.endWord(key);
    else t.literal(key);
  }
  return t.text();
}
