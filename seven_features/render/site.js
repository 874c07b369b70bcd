// sevenf site search: runs in the page over window.SEVENF_INDEX (search-index.js),
// so it works from file:// with nothing fetched. Each index row is
// [where it stands, page, title, head, body], in document order: the two columns
// `sevenf search` searches, a match in the head (titles, names) counting more.
//
// Words match by their beginnings after a light stemming ("co-location" finds
// "co-located", "families" finds "family"); words joined by a hyphen, apostrophe,
// full stop or slash must stand together, as in `sevenf search`. A match in a title
// counts more than one in the text; ties keep the document's order.
"use strict";
(function () {
  var SHOWN = 50;
  var WINDOW = 24;
  var SUFFIXES = ["ations", "ation", "ings", "ing", "ions", "ion", "ments", "ment",
    "ness", "ies", "es", "ed", "ly", "s"];
  var WORD = /[\p{L}\p{N}]+/gu;
  var JOINER = /^[-\u2010\u2011'\u2019./]$/;
  var TERM = /[\p{L}\p{N}]+(?:[-\u2010\u2011'\u2019./][\p{L}\p{N}]+)*/gu;
  var index = (window.SEVENF_INDEX || []).map(function (row) {
    return { where: row[0], href: row[1], title: row[2], head: row[3], text: row[4] };
  });

  function fold(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function stem(word) {
    for (var i = 0; i < SUFFIXES.length; i++) {
      var s = SUFFIXES[i];
      if (word.length - s.length >= 3 && word.slice(-s.length) === s) {
        return word.slice(0, -s.length);
      }
    }
    return word;
  }

  function words(text) {
    var found = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      found.push({ w: fold(m[0]), start: m.index, end: m.index + m[0].length });
    }
    return found;
  }

  function terms(query) {
    var found = [];
    var m;
    TERM.lastIndex = 0;
    while ((m = TERM.exec(query.normalize("NFC"))) !== null && found.length < 32) {
      found.push(words(m[0]).map(function (x) { return stem(x.w); }));
    }
    return found;
  }

  // Where the term (its stems one after another) stands in `list`: first word indices.
  function places(list, term) {
    var at = [];
    for (var i = 0; i + term.length <= list.length; i++) {
      var all = true;
      for (var j = 0; j < term.length && all; j++) {
        all = list[i + j].w.indexOf(term[j]) === 0;
      }
      if (all) at.push(i);
    }
    return at;
  }

  function match(entry, query) {
    entry.headWords = entry.headWords || words(entry.head);
    entry.textWords = entry.textWords || words(entry.text);
    var score = 0;
    var marked = { head: {}, text: {} };
    for (var t = 0; t < query.length; t++) {
      var inHead = places(entry.headWords, query[t]);
      var inText = places(entry.textWords, query[t]);
      if (!inHead.length && !inText.length) return null;
      score += (inHead.length ? 4 : 0) + inText.length;
      [["head", inHead], ["text", inText]].forEach(function (pair) {
        pair[1].forEach(function (i) {
          for (var k = 0; k < query[t].length; k++) marked[pair[0]][i + k] = true;
        });
      });
    }
    return { entry: entry, score: score, marked: marked };
  }

  // The text around its first match, matched words in <mark>, cuts shown with "…".
  function snippet(text, list, marked) {
    var p = document.createElement("p");
    p.className = "snippet";
    if (!list.length) return p;
    var hits = Object.keys(marked).map(Number).sort(function (a, b) { return a - b; });
    var first = hits.length ? hits[0] : 0;
    var from = Math.max(0, first - Math.floor(WINDOW / 3));
    var to = Math.min(list.length - 1, from + WINDOW - 1);
    var at = list[from].start;
    if (from > 0) p.appendChild(document.createTextNode("…"));
    for (var i = from; i <= to; i++) {
      if (!marked[i]) continue;
      var last = i; // one mark over "co-location", not two
      while (last < to && marked[last + 1] &&
        JOINER.test(text.slice(list[last].end, list[last + 1].start))) last++;
      p.appendChild(document.createTextNode(text.slice(at, list[i].start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(list[i].start, list[last].end);
      p.appendChild(mark);
      at = list[last].end;
      i = last;
    }
    var end = to === list.length - 1 ? text.length : list[to].end;
    p.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) p.appendChild(document.createTextNode("…"));
    return p;
  }

  function show(query) {
    var status = document.getElementById("search-status");
    var list = document.getElementById("results");
    list.textContent = "";
    var wanted = terms(query);
    if (!wanted.length) {
      status.textContent = query.trim() ? "Nothing matches \u201c" + query + "\u201d." : "";
      return;
    }
    var hits = [];
    index.forEach(function (entry) {
      var hit = match(entry, wanted);
      if (hit) hits.push(hit);
    });
    hits.sort(function (a, b) { return b.score - a.score; }); // stable: document order kept
    if (!hits.length) {
      status.textContent = "Nothing matches \u201c" + query + "\u201d.";
      return;
    }
    status.textContent = hits.length + (hits.length === 1 ? " match" : " matches") +
      " for \u201c" + query + "\u201d" +
      (hits.length > SHOWN ? ", the first " + SHOWN + " shown." : ".");
    hits.slice(0, SHOWN).forEach(function (hit) {
      var e = hit.entry;
      var li = document.createElement("li");
      var where = document.createElement("a");
      where.className = "where";
      where.href = e.href;
      where.textContent = e.where + (e.title ? ": " + e.title : "");
      li.appendChild(where);
      var inText = Object.keys(hit.marked.text).length > 0;
      li.appendChild(inText || !e.head
        ? snippet(e.text, e.textWords, hit.marked.text)
        : snippet(e.head, e.headWords, hit.marked.head));
      list.appendChild(li);
    });
  }

  function start() {
    var form = document.getElementById("search-form");
    var box = document.getElementById("q");
    var header = document.getElementById("site-q");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    box.value = query;
    if (header) header.value = query;
    show(query);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(box.value);
      if (header) header.value = box.value;
      try {
        window.history.replaceState(null, "", "?q=" + encodeURIComponent(box.value));
      } catch (ignored) {
        // Some browsers refuse to change a file:// address; the results are shown anyway.
      }
    });
    box.addEventListener("input", function () { show(box.value); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
