"""Write a valid data directory holding N times the real evidence, for benchmarks.

    python benchmarks/synth.py --scale 100 --seed 1 --out /tmp/sevenf-100x

framework.yaml is copied unchanged: the seven features, outcomes and enablers and
Table 1 are the document's structure, not data that grows. evidence.yaml holds the
real records (copy 0) and `scale - 1` variations of them (copies 1, 2, …): ids,
names and aliases get a suffix `-s<k>`/` s<k>`, each copy's footnotes follow the
real ones with their numbers shifted (so 1..N stay contiguous and every 'Ibid.'
still follows the note it refers to), and every reference points into its own copy.
Texts are kept as printed, so their statistics stay the real ones; a finding's
figures therefore still occur in its statement. The seed only shuffles the order of
the copies' sources, projects, findings and quotes (the real records stay first),
so the same seed always gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from seven_features.corpus import validation

Record = dict[str, Any]

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Fields that name an evidence record (a source or a project) by id.
_REFS = {
    "footnotes": ("source",),
    "projects": ("reports",),
    "findings": ("projects",),
    "quotes": ("project", "source"),
}


# The issue sizes 100x as about 1,000 projects, 2,700 footnotes, 1,000 quotes and
# 5,000 findings: about 50 findings for every 21 the real data holds.
ISSUE_FINDINGS_RATIO = 5000 / 2100


def synthesize(
    evidence: Record, scale: int, seed: int, findings_ratio: float = ISSUE_FINDINGS_RATIO
) -> Record:
    """`evidence` (plain data, as evidence.yaml holds it) with `scale - 1` varied copies added;
    findings get `round(scale * findings_ratio) - 1` copies, spread over the scale copies."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    notes = len(evidence["footnotes"])
    out: Record = {kind: list(records) for kind, records in evidence.items()}
    for kind in ("sources", "projects", "quotes"):
        extra = [_vary(kind, r, k, notes) for k in range(1, scale) for r in evidence[kind]]
        random.Random(f"{seed}-{kind}").shuffle(extra)
        out[kind] += extra
    copies = max(1, round(scale * findings_ratio))
    extra = [
        _vary("findings", r, j, notes, ref=(j - 1) % (scale - 1) + 1 if scale > 1 else 0)
        for j in range(1, copies)
        for r in evidence["findings"]
    ]
    random.Random(f"{seed}-findings").shuffle(extra)
    out["findings"] += extra
    out["footnotes"] += [
        _vary("footnotes", r, k, notes) for k in range(1, scale) for r in evidence["footnotes"]
    ]
    return out


def _vary(kind: str, record: Record, k: int, notes: int, ref: int | None = None) -> Record:
    """Copy `k` of `record`: its own ids, names and footnote numbers; references into copy
    `ref` (by default `k`; 0 is the real records)."""
    new = dict(record)
    if "id" in new:
        new["id"] += f"-s{k}"
    k = k if ref is None else ref
    suffix = f"-s{k}" if k else ""
    if kind in ("sources", "projects"):
        new["name"] = f"{new['name']} s{k}"
        new["aliases"] = [f"{alias} s{k}" for alias in new.get("aliases", [])]
    for field in _REFS.get(kind, ()):
        value = new.get(field)
        if isinstance(value, list):
            new[field] = [ref + suffix for ref in value]
        elif value is not None:
            new[field] = value + suffix
    shift = k * notes
    if kind == "footnotes":
        new["number"] += shift
        marker = new.get("marker")
        if marker is not None:
            digits = str(new["number"])
            new["marker"] = digits if marker.isascii() else digits.translate(_SUPERSCRIPT)
    elif kind == "findings":
        new["footnotes"] = [n + shift for n in new["footnotes"]]
    elif kind == "quotes" and new.get("footnote") is not None:
        new["footnote"] += shift
    return new


def read_evidence(source: Path) -> Record:
    """The validated evidence of `source` as plain data, in the field order of the YAML."""
    _, evidence = validation.validate(source)
    raw = evidence.model_dump(mode="json", exclude_defaults=True)
    return {kind: [_ordered(r) for r in records] for kind, records in raw.items()}


def _ordered(record: Record) -> Record:
    # The model declares `missing` and `remarks` first (inherited); the files put them last.
    tail = {k: record.pop(k) for k in ("remarks", "missing") if k in record}
    return record | tail


def write(source: Path, out: Path, scale: int, seed: int) -> Record:
    """Write framework.yaml and a `scale`-times evidence.yaml into `out`; return the evidence."""
    evidence = synthesize(read_evidence(source), scale, seed)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "framework.yaml", out / "framework.yaml")
    text = yaml.dump(evidence, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 30)
    header = f"# Synthetic evidence: {scale}x the real data, seed {seed} (benchmarks/synth.py).\n"
    (out / "evidence.yaml").write_text(header + text, encoding="utf-8")
    return evidence


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """yaml.safe_dump's dumper (in C when available) that writes shared values out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        # The copies share their unchanged lists and dicts; sevenf's data has no anchors.
        return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100, help="multiple of the real data")
    parser.add_argument("--seed", type=int, default=1, help="seed for the order of the copies")
    parser.add_argument("--out", type=Path, required=True, help="directory to write into")
    parser.add_argument("--source", type=Path, help="data to multiply (default: sevenf's own)")
    parser.add_argument("--check", action="store_true", help="validate the result afterwards")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    source = args.source or Path(__file__).resolve().parent.parent / "data"
    evidence = write(source, args.out, args.scale, args.seed)
    if args.check:
        validation.validate(args.out)
    counts = ", ".join(f"{len(records):,} {kind}" for kind, records in evidence.items())
    print(f"{args.out}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
