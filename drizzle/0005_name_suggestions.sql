-- Edit distances in SQL (levenshtein_less_equal) narrow the "did you mean" suggestions for a name nobody has.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;