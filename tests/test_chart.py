"""`sevenf outcomes --chart`: counts of projects as printed, bars only where a total is given."""

from __future__ import annotations

import json
import re

from helpers import Cli

from seven_features.corpus.indexed import Corpus
from seven_features.queries import query
from seven_features.render import terminal
from seven_features.render.layout.views import layout

NO_MARKER = "[footnote not given in the source: No footnote marker is printed for this statement.]"
PLAIN = f"""\
Outcomes: projects counted, as printed
======================================

Each bar has one mark per project of the total the source gives, filled for the projects \
counted. A count printed with no total is shown as a number, not as a proportion.

1. Increased wellbeing and resilience for children and families

- ##############............ 14 of 26 projects: “Fourteen of 26 projects”[6]
- 7 projects (no total given): “seven projects”[8]

2. Reduced risk for children

- ########........ 8 of 16 projects: “eight of the 16 projects” {NO_MARKER}

3. Reduced days spent in state care

- ##############......... 14 of 23 projects: “Fourteen of the 23 projects”[10]

4. Reduced staff turnover and agency rates

[no count of projects given in the source for this outcome]

5. Increased staff wellbeing

[no count of projects given in the source for this outcome]

6. Better value for money

- #####################.... 21 of 25 projects: “Twenty one of 25 projects”[17]

7. Greater stability for children

- 24 projects (no total given): “Twenty-four projects” {NO_MARKER}
- 6 projects (no total given): “Six projects”[1]

Footnotes
---------

[1] Children's Social Care Innovation Programme, Evaluation of the Mockingbird Family Model, \
2016, pg. 9. (Source note: The marker is printed as ordinary digits, not superscript.)
[6] [note not given in the source: The marker ⁶ follows 'physical or mental health' in the \
text, but no footnote 6 is printed.] [source not given in the source: No note is printed, so \
the source is not given.] [year not given in the source: No note is printed, so no year is \
given.] [page not given in the source: No note is printed, so no page is given.]
[8] Children's Social Care Innovation Programme, Final Evaluation Report, 2017, pg. 42
[10] Ibid., 6. → Final Evaluation Report, 2017, p. 6 (resolved through footnotes 9 and 8)
[17] Ibid., 7. → Final Evaluation Report, 2017, p. 7 (resolved through footnotes 16 and 15)
"""


def test_plain_chart_is_exact(cli: Cli) -> None:
    assert cli("outcomes", "--chart") == (0, PLAIN, "")


def test_a_total_gives_one_mark_per_project(cli: Cli) -> None:
    _, out, _ = cli("outcomes", "--chart")
    assert "- ##############......... 14 of 23 projects: “Fourteen of the 23 projects”[10]\n" in out
    for marks, count, total in re.findall(r"^- ([#.]+) (\d+) of (\d+) projects", out, re.M):
        assert marks == "#" * int(count) + "." * (int(total) - int(count))


def test_a_count_without_a_total_is_no_proportion(cli: Cli) -> None:
    _, out, _ = cli("outcomes", "--chart")
    counts = [line for line in out.splitlines() if "(no total given)" in line]
    assert len(counts) == 3
    for line in counts:
        assert not re.search(r"[#.]{2,}| of \d", line.split("“")[0]), line


def test_json_is_the_chart_data(corpus: Corpus, cli: Cli) -> None:
    code, out, err = cli("outcomes", "--chart", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data == json.loads(json.dumps(query.outcomes_chart(corpus)))
    by_number = {item["number"]: item for item in data["items"]}
    assert [(c["printed"], c["count"], c["total"]) for c in by_number[3]["counts"]] == [
        ("Fourteen of the 23 projects", 14, 23)
    ]
    assert [c["total"] for c in by_number[7]["counts"]] == [None, None]
    assert by_number[4]["counts"] == by_number[5]["counts"] == []


def test_markdown_bars_are_code(cli: Cli) -> None:
    code, out, _ = cli("outcomes", "--chart", "--format", "markdown")
    assert code == 0 and "\x1b" not in out
    assert (
        "- `##############.........` 14 of 23 projects: “Fourteen of the 23 projects”[^10]\n" in out
    )
    assert "\n[^10]: Ibid., 6. → Final Evaluation Report, 2017, p. 6" in out


def test_terminal_bars_are_block_characters(corpus: Corpus) -> None:
    out = terminal.render(layout(query.outcomes_chart(corpus)), width=100, colour=False)
    assert "██████████████░░░░░░░░░ 14 of 23 projects: “Fourteen of the 23 projects”[10]" in out
    assert "24 projects (no total given): “Twenty-four projects”" in out
    assert "#" not in out


def test_without_chart_the_list_is_unchanged(corpus: Corpus, cli: Cli) -> None:
    assert json.loads(cli("outcomes", "--json").stdout) == json.loads(
        json.dumps(query.list_outcomes(corpus))
    )
