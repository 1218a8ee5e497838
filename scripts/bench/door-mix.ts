/**
 * What a real door sends: mostly people arriving (a letter scanned for the first time), and some
 * letters scanned again (a cadre's second try, a guest at the wrong door, a phone camera reading
 * twice). `npm run bench:checkin` measures with 80 % first scans and 20 % repeats; before, it
 * cycled through its letters, so that after the first pass almost every request was a duplicate,
 * which skips the check-in's INSERT.
 */
export interface DoorMix {
  /** The next token to send. */
  next(): string;
  /** What was sent so far: first scans, repeats, and whether the fresh letters ran out. */
  stats(): { first: number; repeats: number; exhausted: boolean };
}

/** Every fifth request is a repeat of a letter already scanned (picked all over the earlier ones); the others are new letters. */
export function doorMix(tokens: readonly string[], repeatEvery = 5): DoorMix {
  let fresh = 0;
  let n = 0;
  let first = 0;
  let repeats = 0;
  let exhausted = false;
  return {
    next() {
      n += 1;
      if (fresh > 0 && (n % repeatEvery === 0 || fresh >= tokens.length)) {
        if (fresh >= tokens.length) exhausted = true;
        repeats += 1;
        // A multiplicative hash spreads the repeats over every letter scanned so far, not only the last ones.
        return tokens[(n * 2_654_435_761) % fresh];
      }
      first += 1;
      return tokens[fresh++];
    },
    stats: () => ({ first, repeats, exhausted }),
  };
}
