// sevenf site search: the search `sevenf search` runs, run in the page.
//
// The index (search-index.js sets window.SEVENF_INDEX) is written when the site is built,
// read from the SQLite FTS5 index `sevenf search` queries and built by the same code
// (queries/search.py, `site_index`): every token FTS5 stored, with the row, column and
// position of each of its uses; each row's size in tokens; bm25's IDF as SQLite computes
// it; where each token stands in the text shown; and the vocabulary sevenf reads to
// spell a term the ways the document does. Nothing is fetched: it works from file://.
//
// This script does only what has to wait for the query, each step as the command does:
// it folds and splits the query (search.py `query_terms`, match.py `fold`, `stem`),
// spells each term the ways the document writes it (`spellings`), stems each word as
// FTS5's porter tokenizer does, keeps the rows holding every term, ranks them as
// SQLite's bm25() does with the phrase hits first (`_run`), makes each snippet as
// FTS5's snippet() does, and, when nothing matches, finds the closest words as
// difflib.get_close_matches does (`_suggest`). tests/test_search_parity.py runs the two
// over dozens of queries and compares hits, order, snippets and suggestions.
"use strict";
(function (root) {
  // A name's possessive, as sevenf's wording.possessive makes it.
  function possessive(name) {
    if (/('s|\u2019s|'|\u2019)$/.test(name)) return name;
    return name + (/s$/.test(name) ? "'" : "'s");
  }

  var K1 = 1.2; // bm25's constants in fts5_aux.c
  var B = 0.75;
  var LETTERS = "\\p{L}\\p{N}";
  var PART = new RegExp("[" + LETTERS + "]+", "gu");
  var ALPHA = /^\p{L}+$/u;
  var ASCII = /^[\x00-\x7f]*$/;
  // FTS5's unicode61 tokens: letters, digits and private-use characters
  var TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function length(text) { // in code points, as Python counts
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff) n++;
    }
    return n;
  }

  // Code point order, as Python and SQLite compare text (UTF-16 order differs above U+FFFF).
  function compare(a, b) {
    var x = Array.from(a);
    var y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d < 0 ? -1 : 1;
    }
    return x.length - y.length;
  }

  function escapeClass(chars) {
    return chars.replace(/[\\\]\[^-]/g, "\\$&");
  }

  // --- FTS5's porter stemmer, on the token's UTF-8 bytes as SQLite runs it ----------------

  var A = 97, E = 101, I = 105, O = 111, U = 117, Y = 121;

  function vowel(c, yIsVowel) {
    return c === A || c === E || c === I || c === O || c === U || (yIsVowel && c === Y);
  }

  // The end of the first vowel-consonant sequence in w[from, from + n), or 0.
  function gobble(w, from, n, consonant) {
    var i;
    for (i = 0; i < n; i++) {
      consonant = !vowel(w[from + i], consonant);
      if (!consonant) break;
    }
    for (i++; i < n; i++) {
      consonant = !vowel(w[from + i], consonant);
      if (consonant) return i + 1;
    }
    return 0;
  }

  function mOver0(w, n) { return gobble(w, 0, n, false) !== 0; }

  function mOver1(w, n) {
    var k = gobble(w, 0, n, false);
    return k !== 0 && gobble(w, k, n - k, true) !== 0;
  }

  function mIs1(w, n) {
    var k = gobble(w, 0, n, false);
    return k !== 0 && gobble(w, k, n - k, true) === 0;
  }

  function cvc(w, n) { // Porter's *o
    var last = w[n - 1];
    if (last === 119 || last === 120 || last === Y) return false;
    var mask = 0;
    var consonant = false;
    for (var i = 0; i < n; i++) {
      consonant = !vowel(w[i], consonant);
      mask = (mask << 1) | (consonant ? 1 : 0);
    }
    return (mask & 7) === 5;
  }

  function mOver1ST(w, n) {
    return (w[n - 1] === 115 || w[n - 1] === 116) && mOver1(w, n);
  }

  function hasVowel(w, n) {
    for (var i = 0; i < n; i++) if (vowel(w[i], i > 0)) return true;
    return false;
  }

  function bytes(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
    return out;
  }

  // Each step's rules, in the order SQLite tries them: the first whose ending the word
  // has (with something before it) is the only one tried; it applies if its test holds.
  function rules(list, test) {
    return list.map(function (pair) {
      return { end: bytes(pair[0]), to: bytes(pair[1]), test: pair[2] || test, on: !!pair[3] };
    });
  }
  var STEP1B = rules([
    ["eed", "ee", mOver0, false], ["ed", "", hasVowel, true], ["ing", "", hasVowel, true]]);
  var STEP1B2 = rules([["at", "ate"], ["bl", "ble"], ["iz", "ize"]], null);
  var STEP2 = rules([
    ["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"],
    ["izer", "ize"], ["logi", "log"], ["bli", "ble"], ["alli", "al"], ["entli", "ent"],
    ["eli", "e"], ["ousli", "ous"], ["ization", "ize"], ["ation", "ate"], ["ator", "ate"],
    ["alism", "al"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"],
    ["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"]], mOver0);
  var STEP3 = rules([
    ["ical", "ic"], ["ness", ""], ["icate", "ic"], ["iciti", "ic"], ["ful", ""],
    ["ative", ""], ["alize", "al"]], mOver0);
  var STEP4 = rules([
    ["al", ""], ["ance", ""], ["ence", ""], ["er", ""], ["ic", ""], ["able", ""],
    ["ible", ""], ["ant", ""], ["ement", ""], ["ment", ""], ["ent", ""], ["ion", "", mOver1ST],
    ["ou", ""], ["ism", ""], ["ate", ""], ["iti", ""], ["ous", ""], ["ive", ""],
    ["ize", ""]], mOver1);

  function endsWith(w, n, end) {
    if (n <= end.length) return false; // SQLite wants something before the ending
    for (var i = 0; i < end.length; i++) {
      if (w[n - end.length + i] !== end[i]) return false;
    }
    return true;
  }

  // The step applied to w[0, n): the new length, whether a rule applied, and whether
  // the word goes on to step 1b2 (after step 1b).
  function step(w, n, list) {
    for (var r = 0; r < list.length; r++) {
      var rule = list[r];
      if (!endsWith(w, n, rule.end)) continue;
      var stem = n - rule.end.length;
      if (rule.test && !rule.test(w, stem)) return [n, false, false];
      for (var i = 0; i < rule.to.length; i++) w[stem + i] = rule.to[i];
      return [stem + rule.to.length, true, rule.on];
    }
    return [n, false, false];
  }

  function porter(token) {
    var utf8 = unescape(encodeURIComponent(token)); // a byte a character
    var n = utf8.length;
    if (n > 64 || n < 3) return token;
    var w = bytes(utf8);
    // Step 1a
    if (w[n - 1] === 115) {
      if (w[n - 2] === E) {
        if ((n > 4 && w[n - 4] === 115 && w[n - 3] === 115) || (n > 3 && w[n - 3] === I)) {
          n -= 2;
        } else {
          n -= 1;
        }
      } else if (w[n - 2] !== 115) {
        n -= 1;
      }
    }
    // Step 1b: "eed" to "ee" stops there; the removal of "ed" or "ing" goes on
    var done = step(w, n, STEP1B);
    n = done[0];
    if (done[1] && done[2]) {
      var again = step(w, n, STEP1B2);
      n = again[0];
      if (!again[1]) {
        var c = w[n - 1];
        if (!vowel(c, false) && c !== 108 && c !== 115 && c !== 122 && c === w[n - 2]) {
          n--;
        } else if (mIs1(w, n) && cvc(w, n)) {
          w[n++] = E;
        }
      }
    }
    // Step 1c
    if (w[n - 1] === Y && hasVowel(w, n - 1)) w[n - 1] = I;
    n = step(w, n, STEP2)[0];
    n = step(w, n, STEP3)[0];
    n = step(w, n, STEP4)[0];
    // Step 5a
    if (w[n - 1] === E && (mOver1(w, n - 1) || (mIs1(w, n - 1) && !cvc(w, n - 1)))) n--;
    // Step 5b
    if (n > 1 && w[n - 1] === 108 && w[n - 2] === 108 && mOver1(w, n - 1)) n--;
    var out = "";
    for (var i = 0; i < n; i++) out += String.fromCharCode(w[i]);
    try {
      return decodeURIComponent(escape(out));
    } catch (broken) { // a cut through a character: SQLite keeps the bytes as they are
      return out;
    }
  }

  // --- the engine -----------------------------------------------------------------------

  function Engine(index) {
    this.index = index;
    this.rows = index.rows;
    this.avgdl = index.tokens / index.rows.length;
    this.cache = {};
    this.casefold = index.fold.casefold;
    this.combining = index.fold.combining;
    var word = "[" + LETTERS + "]+";
    var joiners = "[" + escapeClass(index.joiners) + "]";
    this.term = new RegExp(word + "(?:" + joiners + word + ")*", "gu");
    this.termAt = new RegExp(word + "(?:" + joiners + word + ")*", "uy");
    this.known = index.known;
    this.suffixes = index.stem.suffixes;
    this.irregular = index.stem.irregular;
    this.limits = index.limits;
  }

  Engine.prototype.isCombining = function (code) {
    var ranges = this.combining;
    var lo = 0;
    var hi = ranges.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (code < ranges[mid][0]) hi = mid - 1;
      else if (code > ranges[mid][1]) lo = mid + 1;
      else return true;
    }
    return false;
  };

  // match.fold: case and accents dropped, as Python's NFKD and casefold() do.
  Engine.prototype.fold = function (text) {
    if (ASCII.test(text)) return text.toLowerCase();
    var kept = "";
    var chars = Array.from(text.normalize("NFKD"));
    for (var i = 0; i < chars.length; i++) {
      if (!this.isCombining(chars[i].codePointAt(0))) kept += chars[i];
    }
    var out = "";
    chars = Array.from(kept);
    for (var j = 0; j < chars.length; j++) {
      out += has(this.casefold, chars[j]) ? this.casefold[chars[j]] : chars[j].toLowerCase();
    }
    return out;
  };

  // match.stem: a light stemmer for folded words.
  Engine.prototype.stem = function (word) {
    if (has(this.irregular, word)) return this.irregular[word];
    var size = length(word);
    if (size <= 3 || !ALPHA.test(word)) return word;
    for (var i = 0; i < this.suffixes.length; i++) {
      var suffix = this.suffixes[i][0];
      if (word.slice(-suffix.length) === suffix && size - suffix.length >= 3) {
        if (suffix === "es" && !/(s|x|z|ch|sh)$/.test(word.slice(0, -2))) continue;
        if (suffix === "s" && /(ss|us|is)$/.test(word)) break;
        word = word.slice(0, -suffix.length) + this.suffixes[i][1];
        break;
      }
    }
    return /(e|ct)$/.test(word) && length(word) > 3 ? word.slice(0, -1) : word;
  };

  // search.query_terms: each term's folded parts, within the first 500 characters (a
  // word the cut goes through is dropped) and the first 32 words.
  Engine.prototype.terms = function (text) {
    text = text.normalize("NFC");
    var all = Array.from(text);
    var window = all.slice(0, this.limits.chars).join("");
    var found = [];
    var m;
    this.term.lastIndex = 0;
    while ((m = this.term.exec(window)) !== null) found.push(m);
    if (found.length && all.length > this.limits.chars) {
      this.termAt.lastIndex = found[found.length - 1].index;
      var whole = this.termAt.exec(text);
      if (whole && whole.index + whole[0].length > window.length) found.pop();
    }
    var terms = [];
    var budget = this.limits.words;
    for (var i = 0; i < found.length; i++) {
      var parts = this.fold(found[i][0]).match(PART) || [];
      parts = parts.slice(0, budget);
      if (parts.length) {
        terms.push(parts);
        budget -= parts.length;
      }
      if (budget <= 0) break;
    }
    return terms;
  };

  Engine.prototype.key = function (parts) {
    return this.stem(parts.join(""));
  };

  // search.spellings: each term with the ways the document may write it, parts spaced.
  Engine.prototype.spellings = function (terms) {
    var groups = [];
    var i = 0;
    while (i < terms.length) {
      var pair = i + 1 < terms.length ? terms[i].concat(terms[i + 1]) : null;
      var parts;
      if (pair !== null && has(this.known, this.key(pair))) {
        parts = pair;
        i += 2;
      } else {
        parts = terms[i];
        i += 1;
      }
      var ways = [parts.join(" ")];
      if (parts.length > 1) ways.push(parts.join(""));
      var known = has(this.known, this.key(parts)) ? this.known[this.key(parts)] : [];
      for (var k = 0; k < known.length; k++) {
        if (compound(known[k]) || parts.length > 1) ways.push(known[k]);
      }
      groups.push(ways.filter(function (way, at) { return ways.indexOf(way) === at; }));
    }
    return groups;
  };

  function compound(spelling) {
    var parts = spelling.split(" ");
    return parts.length > 1 && Math.min.apply(null, parts.map(length)) > 1;
  }

  // The tokens FTS5 makes of a quoted phrase: unicode61's words, folded, porter-stemmed.
  function tokens(words) {
    var out = [];
    var current = "";
    Array.from(words).forEach(function (ch) {
      if (TOKEN_CHAR.test(ch)) {
        current += ch.charCodeAt(0) < 128 ? ch.toLowerCase() : ch.toLowerCase()
          .normalize("NFD").replace(/\p{Mn}/gu, "");
      } else if (current) {
        out.push(porter(current));
        current = "";
      }
    });
    if (current) out.push(porter(current));
    return out;
  }

  // A token's uses: row -> [[positions in the head], [positions in the body]].
  Engine.prototype.uses = function (token) {
    if (has(this.cache, token)) return this.cache[token];
    var flat = has(this.index.postings, token) ? this.index.postings[token] : [];
    var byRow = new Map();
    for (var i = 0; i < flat.length; i += 3) {
      var at = byRow.get(flat[i]);
      if (!at) byRow.set(flat[i], (at = [[], []]));
      at[flat[i + 1]].push(flat[i + 2]);
    }
    this.cache[token] = byRow;
    return byRow;
  };

  // Where a phrase (tokens side by side) stands: row -> [[starts in head], [in body]],
  // each list in order.
  Engine.prototype.phrase = function (phrase) {
    var found = new Map();
    if (!phrase.length) return found;
    var self = this;
    var rest = phrase.slice(1).map(function (t) { return self.uses(t); });
    this.uses(phrase[0]).forEach(function (columns, row) {
      var next = rest.map(function (uses) { return uses.get(row); });
      if (next.some(function (at) { return !at; })) return;
      var at = [[], []];
      var any = false;
      for (var col = 0; col < 2; col++) {
        var sets = next.map(function (uses) { return positions(uses, col); });
        columns[col].forEach(function (start) {
          for (var k = 0; k < sets.length; k++) {
            if (!sets[k].has(start + k + 1)) return;
          }
          at[col].push(start);
          any = true;
        });
      }
      if (any) found.set(row, at);
    });
    return found;
  };

  // A token's positions in one column of a row, as a set (made once).
  function positions(uses, col) {
    if (!uses.sets) uses.sets = [null, null];
    if (!uses.sets[col]) uses.sets[col] = new Set(uses[col]);
    return uses.sets[col];
  }

  Engine.prototype.idf = function (rows) {
    return rows < this.index.idf.length ? this.index.idf[rows] : 1e-6;
  };

  // search.found: every hit, best first, and the phrases their snippets mark.
  Engine.prototype.search = function (text) {
    var terms = this.terms(text);
    if (!terms.length) return { terms: terms, hits: [], suggestions: [] };
    var groups = this.spellings(terms);
    var self = this;
    var phrases = [];
    var places = [];
    var ofGroup = [];
    groups.forEach(function (ways, g) {
      ways.forEach(function (way) {
        var phrase = tokens(way);
        phrases.push(phrase);
        places.push(self.phrase(phrase));
        ofGroup.push(g);
      });
    });
    // the rows holding every term, in one of its spellings
    var matched = null;
    groups.forEach(function (_, g) {
      var rows = new Set();
      places.forEach(function (found, p) {
        if (ofGroup[p] === g) found.forEach(function (_, row) { rows.add(row); });
      });
      matched = matched === null ? rows : new Set(Array.from(matched).filter(function (r) {
        return rows.has(r);
      }));
    });
    // rows holding the whole query as one phrase, in its first spellings
    var exact = null;
    if (groups.length > 1) {
      exact = new Set();
      product(groups, this.limits.phrasings).forEach(function (ways) {
        var phrase = [];
        ways.forEach(function (way) { phrase = phrase.concat(tokens(way)); });
        self.phrase(phrase).forEach(function (_, row) { exact.add(row); });
      });
    }
    var idf = places.map(function (found) { return self.idf(found.size); });
    var weights = this.index.weights;
    var hits = Array.from(matched).map(function (rowid) {
      var row = self.rows[rowid - 1];
      var size = row.columns[0].size + row.columns[1].size;
      var score = 0.0;
      for (var p = 0; p < phrases.length; p++) {
        var at = places[p].get(rowid);
        var freq = 0.0;
        if (at) {
          freq += at[0].length * weights[0];
          freq += at[1].length * weights[1];
        }
        score += idf[p] * ((freq * (K1 + 1.0)) / (freq + K1 * (1 - B + B * size / self.avgdl)));
      }
      return { rowid: rowid, row: row, score: -1.0 * score, exact: exact === null || exact.has(rowid) };
    });
    hits.sort(function (a, b) {
      return (b.exact - a.exact) || (a.score - b.score) || (a.rowid - b.rowid);
    });
    var suggestions = hits.length ? [] : this.suggest(groups, places, ofGroup);
    return {
      terms: terms,
      groups: groups,
      phrases: phrases,
      places: places,
      hits: hits,
      suggestions: suggestions,
    };
  };

  // The first `most` of every choice of one way per group (itertools.product's order).
  function product(groups, most) {
    var out = [];
    var at = groups.map(function () { return 0; });
    while (out.length < most) {
      out.push(at.map(function (i, g) { return groups[g][i]; }));
      var g = groups.length - 1;
      while (g >= 0 && ++at[g] === groups[g].length) at[g--] = 0;
      if (g < 0) break;
    }
    return out;
  }

  // --- snippets, as FTS5's snippet() makes them ------------------------------------------

  Engine.prototype.column = function (row, col) {
    var column = row.columns[col];
    if (column.starts === undefined) {
      column.starts = [];
      column.ends = [];
      var at = 0;
      var list = column.tokens || [];
      for (var i = 0; i < list.length; i += 2) {
        at += list[i];
        column.starts.push(at);
        at += list[i + 1];
        column.ends.push(at);
      }
      column.firsts = column.starts.length ? [0].concat(column.sentences) : [];
    }
    return column;
  };

  // The instances of the phrases in one column, as FTS5 lists them: by position, then
  // by phrase; each [phrase, position] (positions from `from`, within [from, to)).
  function instances(places, sizes, rowid, col, from, to) {
    var found = [];
    places.forEach(function (place, p) {
      var at = place.get(rowid);
      if (!at) return;
      var list = at[col];
      var lo = 0;
      var hi = list.length;
      while (lo < hi) { // the first at or after `from`: the lists are in order
        var mid = (lo + hi) >> 1;
        if (list[mid] < from) lo = mid + 1;
        else hi = mid;
      }
      for (var i = lo; i < list.length && list[i] < to; i++) {
        if (list[i] + sizes[p] <= to) found.push([p, list[i] - from]);
      }
    });
    found.sort(function (a, b) { return (a[1] - b[1]) || (a[0] - b[0]); });
    return found;
  }

  // snippet(): the best window of `size` tokens of a text, its matches marked.
  // Returns [text, marks] with marks as [start, end] offsets into the text.
  function snippet(text, starts, ends, firsts, found, sizes, size, ellipsis) {
    var count = starts.length;
    var best = 0;
    var bestStart = 0;
    function score(from, adjust) {
      var seen = {};
      var total = 0;
      var first = -1;
      var last = 0;
      found.forEach(function (inst) {
        if (inst[1] >= from && inst[1] < from + size) {
          total += seen[inst[0]] ? 1 : 1000;
          seen[inst[0]] = true;
          if (first < 0) first = inst[1];
          last = inst[1] + sizes[inst[0]];
        }
      });
      if (!adjust) return [total, from];
      var start = first - Math.trunc((size - (last - first)) / 2);
      if (start + size > count) start = count - size;
      if (start < 0) start = 0;
      return [total, start];
    }
    found.forEach(function (inst) {
      var io = inst[1];
      var got = score(io, true);
      if (got[0] > best) {
        best = got[0];
        bestStart = got[1];
      }
      if (firsts.length && count > size) {
        var jj = 0;
        for (; jj < firsts.length - 1; jj++) if (firsts[jj + 1] > io) break;
        if (firsts[jj] < io) {
          var sentence = score(firsts[jj], false)[0] + (firsts[jj] === 0 ? 120 : 100);
          if (sentence > best) {
            best = sentence;
            bestStart = firsts[jj];
          }
        }
      }
    });
    // highlight() over the window, the matches coalesced where they overlap
    var coalesced = [];
    found.forEach(function (inst) {
      var end = inst[1] + sizes[inst[0]] - 1;
      var last = coalesced[coalesced.length - 1];
      if (last && inst[1] <= last[1]) {
        if (end > last[1]) last[1] = end;
      } else {
        coalesced.push([inst[1], end]);
      }
    });
    var parts = [];
    var rangeStart = bestStart;
    var rangeEnd = bestStart + size - 1;
    var it = 0;
    while (it < coalesced.length && coalesced[it][0] < rangeStart) it++;
    var iStart = function () { return it < coalesced.length ? coalesced[it][0] : -1; };
    var iEnd = function () { return it < coalesced.length ? coalesced[it][1] : -1; };
    var off = 0;
    var OPEN = { open: true };
    var CLOSE = { close: true };
    if (bestStart > 0) parts.push(ellipsis);
    for (var pos = 0; pos < count; pos++) {
      if (pos < rangeStart || pos > rangeEnd) continue;
      if (rangeStart && pos === rangeStart) off = starts[pos];
      if (pos === iStart()) {
        parts.push(text.slice(off, starts[pos]), OPEN);
        off = starts[pos];
      }
      if (pos === iEnd()) {
        if (iStart() < rangeStart) parts.push(OPEN);
        parts.push(text.slice(off, ends[pos]), CLOSE);
        off = ends[pos];
        it++;
      }
      if (pos === rangeEnd) {
        parts.push(text.slice(off, ends[pos]));
        off = ends[pos];
        if (pos >= iStart() && pos < iEnd()) parts.push(CLOSE);
      }
    }
    parts.push(rangeEnd >= count - 1 ? text.slice(off) : ellipsis);
    // search._unmarked: the text, and where the marks were
    var out = "";
    var marks = [];
    var opened = null;
    parts.forEach(function (part) {
      if (part === OPEN) opened = out.length;
      else if (part === CLOSE) {
        if (opened !== null) marks.push([opened, out.length]);
        opened = null;
      } else out += part;
    });
    return [out, marks];
  }

  // A hit's snippet, as search._run and _piece_snippet choose it: the body's, unless
  // only the head holds a match.
  Engine.prototype.snippet = function (result, hit) {
    var self = this;
    var sizes = result.phrases.map(function (p) { return p.length; });
    var made = [1, 0].map(function (col) {
      var column = self.column(hit.row, col);
      if (column.tokens === null) return [column.text, []];
      if (column.pieces) return self.pieceSnippet(result, hit, column, col, sizes);
      var found = instances(result.places, sizes, hit.rowid, col, 0, column.starts.length);
      return snippet(column.text, column.starts, column.ends, column.firsts, found, sizes,
        self.limits.snippet, self.index.ellipsis);
    });
    var body = made[0];
    var head = made[1];
    return body[1].length || !head[1].length ? body : head;
  };

  // search._piece_snippet: a long text's snippet, from the first of its pieces that holds
  // the whole query, else any of its words, else its first words.
  Engine.prototype.pieceSnippet = function (result, hit, column, col, sizes) {
    var self = this;
    var ellipsis = this.index.ellipsis;
    var pieces = column.pieces;
    var anyWay = [result.groups.reduce(function (all, ways) { return all.concat(ways); }, [])];
    var tries = [[result.groups, result.places, sizes]];
    if (result.groups.length !== 1 || anyWay[0].length !== result.groups[0].length) {
      var phrases = anyWay[0].map(tokens);
      tries.push([anyWay, phrases.map(function (p) { return self.phrase(p); }),
        phrases.map(function (p) { return p.length; })]);
    }
    var made = null;
    var chosen = 0;
    for (var t = 0; t < tries.length && made === null; t++) {
      var groups = tries[t][0];
      var places = tries[t][1];
      var lengths = tries[t][2];
      var ofGroup = [];
      groups.forEach(function (ways, g) { ways.forEach(function () { ofGroup.push(g); }); });
      for (var k = 0; k < pieces.length; k++) {
        var piece = pieces[k];
        var found = instances(places, lengths, hit.rowid, col, piece[0], piece[1]);
        var held = {};
        found.forEach(function (inst) { held[ofGroup[inst[0]]] = true; });
        if (Object.keys(held).length === groups.length) {
          var starts = column.starts.slice(piece[0], piece[1]).map(function (s) {
            return s - piece[2];
          });
          var ends = column.ends.slice(piece[0], piece[1]).map(function (e) {
            return e - piece[2];
          });
          var firsts = starts.length ? [0] : [];
          column.firsts.forEach(function (f) {
            if (f > piece[0] && f < piece[1]) firsts.push(f - piece[0]);
          });
          made = snippet(column.text.slice(piece[2], piece[3]), starts, ends, firsts, found,
            lengths, self.limits.snippet, ellipsis);
          chosen = k;
          break;
        }
      }
    }
    if (made === null) {
      var first = pieces[0];
      var last = Math.min(first[0] + this.limits.snippet, first[1]) - 1;
      var cut = last >= first[0] ? column.ends[last] : first[2];
      var text = column.text.slice(first[2], cut);
      if (first[1] - first[0] >= this.limits.snippet) text += ellipsis;
      made = [text, []];
    }
    var shown = made[0];
    var marks = made[1];
    if (chosen > 0 && shown.slice(0, ellipsis.length) !== ellipsis) {
      shown = ellipsis + shown;
      marks = marks.map(function (m) { return [m[0] + ellipsis.length, m[1] + ellipsis.length]; });
    }
    if (chosen < pieces.length - 1 && shown.slice(-ellipsis.length) !== ellipsis) {
      shown += ellipsis;
    }
    return [shown, marks];
  };

  // --- did you mean: search._suggest, with difflib.get_close_matches ---------------------

  Engine.prototype.suggest = function (groups, places, ofGroup) {
    var pool = this.index.pool;
    var words = pool.map(function (pair) { return pair[0]; });
    var shown = {};
    pool.forEach(function (pair) { shown[pair[0]] = pair[1]; });
    var close = [];
    groups.forEach(function (ways, g) {
      var used = places.some(function (found, p) { return ofGroup[p] === g && found.size > 0; });
      if (used) return;
      var joined = ways[0].replace(/ /g, "");
      closeMatches(joined, words, 3, 0.75).forEach(function (hit) {
        if (close.indexOf(shown[hit]) < 0) close.push(shown[hit]);
      });
    });
    return close.slice(0, 5);
  };

  function closeMatches(word, possibilities, n, cutoff) {
    var b = Array.from(word);
    var b2j = new Map();
    b.forEach(function (ch, j) {
      if (!b2j.has(ch)) b2j.set(ch, []);
      b2j.get(ch).push(j);
    });
    if (b.length >= 200) { // difflib's autojunk: the most common characters are left out
      var most = Math.floor(b.length / 100) + 1;
      Array.from(b2j.keys()).forEach(function (ch) {
        if (b2j.get(ch).length > most) b2j.delete(ch);
      });
    }
    var result = [];
    possibilities.forEach(function (x) {
      var a = Array.from(x);
      var whole = a.length + b.length;
      if (whole && (2.0 * Math.min(a.length, b.length)) / whole < cutoff) return;
      var score = ratio(a, b, b2j);
      if (score >= cutoff) result.push([score, x]);
    });
    result.sort(function (p, q) { return (q[0] - p[0]) || compare(q[1], p[1]); });
    return result.slice(0, n).map(function (pair) { return pair[1]; });
  }

  function ratio(a, b, b2j) {
    var matches = 0;
    var queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop();
      var m = longest(a, b, b2j, q[0], q[1], q[2], q[3]);
      var i = m[0];
      var j = m[1];
      var k = m[2];
      if (k) {
        matches += k;
        if (q[0] < i && q[2] < j) queue.push([q[0], i, q[2], j]);
        if (i + k < q[1] && j + k < q[3]) queue.push([i + k, q[1], j + k, q[3]]);
      }
    }
    var whole = a.length + b.length;
    return whole ? (2.0 * matches) / whole : 1.0;
  }

  function longest(a, b, b2j, alo, ahi, blo, bhi) {
    var besti = alo;
    var bestj = blo;
    var bestsize = 0;
    var j2len = new Map();
    for (var i = alo; i < ahi; i++) {
      var next = new Map();
      var js = b2j.get(a[i]) || [];
      for (var x = 0; x < js.length; x++) {
        var j = js[x];
        if (j < blo) continue;
        if (j >= bhi) break;
        var k = (j2len.get(j - 1) || 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi &&
      a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  }

  // What `sevenf search --json` gives for a query, for the page and for the tests.
  Engine.prototype.answer = function (text, limit) {
    var result = this.search(text);
    var self = this;
    var shown = result.hits.slice(0, limit);
    return {
      words: result.terms.length > 0,
      total: result.hits.length,
      suggestions: result.suggestions,
      hits: shown.map(function (hit) {
        var made = self.snippet(result, hit);
        var found = {
          kind: hit.row.kind,
          where: hit.row.where,
          ref: hit.row.ref,
          href: hit.row.href,
          title: hit.row.title,
          snippet: made[0],
          marks: made[1],
          phrase: hit.exact,
          footnotes: hit.row.footnotes,
          rank: hit.score,
        };
        // a local evidence file's record: whose it is, as search.py gives it
        if (hit.row.kind.indexOf("local-") === 0) {
          found.origin = { kind: "local", owner: hit.row.ref.owner };
        }
        return found;
      }),
    };
  };

  var api = { Engine: Engine, porter: porter, tokens: tokens };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  root.SevenfSearch = api;

  // --- the page -----------------------------------------------------------------------

  var MOST = 1000; // as `sevenf search --limit`'s most

  function matches(n) {
    return n + (n === 1 ? " match" : " matches");
  }

  function text(node, value) {
    node.appendChild(document.createTextNode(value));
  }

  function show(engine, query) {
    var status = document.getElementById("search-status");
    var list = document.getElementById("results");
    list.textContent = "";
    status.textContent = "";
    if (!query.trim()) return;
    var found = engine.answer(query, MOST);
    var quoted = "\u2018" + query + "\u2019";
    if (!found.words) {
      text(status, "Search needs a word to find: " + quoted + " has no letters or digits.");
      return;
    }
    if (!found.hits.length) {
      text(status, "Nothing matches " + quoted + ".");
      if (found.suggestions.length) {
        text(status, " Did you mean ");
        found.suggestions.forEach(function (word, i) {
          if (i) text(status, " or ");
          var link = document.createElement("a");
          link.href = "?q=" + encodeURIComponent(word);
          link.textContent = word;
          status.appendChild(link);
        });
        text(status, "?");
      }
      return;
    }
    var shown = found.hits.length;
    text(status, (shown < found.total ? shown + " of " : "") + matches(found.total) +
      " for " + quoted + (shown < found.total ? "; the best " + shown + " are shown, " +
      "and more words narrow the search." : "."));
    found.hits.forEach(function (hit) {
      var item = document.createElement("li");
      if (hit.origin) {
        // never in the document's voice: the owner's name stands before the hit
        var owner = hit.origin.owner;
        var whose = document.createElement("span");
        whose.className = "owner";
        whose.textContent = "From " + possessive(owner) + " evidence: ";
        item.className = "local";
        item.appendChild(whose);
      }
      var where = document.createElement("a");
      where.className = "where";
      where.href = hit.href;
      where.textContent = hit.where;
      item.appendChild(where);
      var p = document.createElement("p");
      p.className = "snippet";
      var said = hit.title && !(hit.origin && hit.title === hit.origin.owner);
      if (said && hit.snippet.slice(0, hit.title.length) !== hit.title) {
        var title = document.createElement("span");
        title.className = "title";
        title.textContent = hit.title;
        p.appendChild(title);
        text(p, " \u2014 ");
      }
      var at = 0;
      hit.marks.forEach(function (mark) {
        text(p, hit.snippet.slice(at, mark[0]));
        var m = document.createElement("mark");
        m.textContent = hit.snippet.slice(mark[0], mark[1]);
        p.appendChild(m);
        at = mark[1];
      });
      text(p, hit.snippet.slice(at));
      item.appendChild(p);
      list.appendChild(item);
    });
  }

  function start() {
    var engine = new Engine(root.SEVENF_INDEX);
    var form = document.getElementById("search-form");
    var box = document.getElementById("q");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    box.value = query;
    show(engine, query);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(engine, box.value);
      try {
        window.history.replaceState(null, "", "?q=" + encodeURIComponent(box.value));
      } catch (ignored) {
        // Some browsers refuse to change a file:// address; the results are shown anyway.
      }
    });
    box.addEventListener("input", function () { show(engine, box.value); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})(typeof window !== "undefined" ? window : globalThis);
