-- Hand-written (drizzle-kit generate --custom): the PostgreSQL twin of `name_sort_key`, which SQLite gets as a JavaScript
-- function registered on every connection (lib/people/name-order.ts, db/client.ts; docs/decisions/0026). The key of a
-- folded name (people.search_name) is its given name (the last word), the middle name (the words between, joined by one
-- space) and the family name (the first word), joined by chr(1): "nguyen thi anh tuyet" gives
-- 'tuyet' || chr(1) || 'thi anh' || chr(1) || 'nguyen'. Words are split exactly as JavaScript's trim() and /\s+/ do:
-- on runs of ASCII tab, line feed, vertical tab, form feed, carriage return and space and of the Unicode spaces
-- U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF (translated to spaces, then empty
-- words dropped); null gives the key of the empty string. db/postgres-name-order.test.ts checks it against the
-- JavaScript key on the demo's names and odd ones.
--
-- The key must be compared byte by byte, as SQLite's binary collation does: ORDER BY name_sort_key(x) COLLATE "C".
-- A linguistic collation (vi-x-icu, en_US.UTF-8…) ignores chr(1) at first: "le anh" would come before "le an".
-- Byte order is code point order, as SQLite's; JavaScript's `<` (compareNames) compares UTF-16 code units, which agrees
-- except between a character beyond U+FFFF and one in U+E000–U+FFFF (not in folded Vietnamese names).
--
-- plpgsql, not LANGUAGE sql: the body needs the word list twice, so an SQL function cannot be inlined into the query,
-- and a non-inlined SQL function measured about 5 times slower per row (50,000 names sorted: ~1.3 s against ~0.25 s).
CREATE FUNCTION "name_sort_key"("search_name" text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  words text[] := array_remove(
    string_to_array(
      translate(
        coalesce(search_name, ''),
        E'\t\n\x0b\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff',
        repeat(' ', 24)
      ),
      ' '
    ),
    ''
  );
  n integer := cardinality(words);
BEGIN
  RETURN CASE n
    WHEN 0 THEN chr(1) || chr(1)
    WHEN 1 THEN words[1] || chr(1) || chr(1)
    ELSE words[n] || chr(1) || array_to_string(words[2:n - 1], ' ') || chr(1) || words[1]
  END;
END;
$$;
