"""BERTopic itself beside dateline's stories, on precomputed vectors, from a throwaway venv.

Usage: python bench/stories.py --bertopic-python /tmp/btvenv/bin/python [--dataset NAME]

BERTopic (Grootendorst 2022) cannot be a dateline dependency: it requires sentence-transformers
and so torch. Its own code imports sentence-transformers only when it must embed, so with
precomputed embeddings it runs in a separate virtual environment holding bertopic (installed
with ``--no-deps``), umap-learn, hdbscan, pandas, plotly and tqdm, and no torch. This script
embeds the articles the way ``dateline eval events --dataset ...`` does and hands BERTopic the
same all-MiniLM-L6-v2 vectors of each article's lead that dateline computes (BERTopic's own
default model; without the model installed, the hashed TF-IDF vectors reduced by TruncatedSVD to
100 dimensions stand in), runs BERTopic with its defaults (UMAP 5 dimensions,
15 neighbours, cosine; HDBSCAN min_cluster_size 10; UMAP seeded) in that environment, and
scores its topics against the gold topics beside dateline's stories. Outliers (topic -1) are
scored as one topic, as BERTopic returns them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from dateline.eval import t17_stories

RUNNER = """
import json, sys
import numpy as np
from bertopic import BERTopic
from umap import UMAP
data = np.load(sys.argv[1])
docs = json.load(open(sys.argv[2]))
umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42)
model = BERTopic(embedding_model=None, umap_model=umap, min_topic_size=10)
topics, _ = model.fit_transform(docs, embeddings=data["embeddings"])
json.dump([int(t) for t in topics], open(sys.argv[3], "w"))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bertopic-python", type=Path, required=True)
    parser.add_argument(
        "--dataset", choices=sorted(t17_stories.LOADERS), default="entities-stories"
    )
    args = parser.parse_args()
    documents = t17_stories.LOADERS[args.dataset]()
    gold = {doc.doc_id: doc.topic for doc in documents}
    articles = t17_stories.prepared_articles(documents)
    embedded = t17_stories.embed_articles(articles)
    if embedded.dense is not None:
        reduced, label = embedded.dense, "MiniLM lead vectors"
    else:
        reduced, label = t17_stories.svd_vectors(embedded), "SVD vectors as embeddings"
    with tempfile.TemporaryDirectory() as tmp:
        vectors, texts, out = (Path(tmp) / n for n in ("e.npz", "d.json", "t.json"))
        np.savez(vectors, embeddings=reduced)
        texts.write_text(json.dumps([a.text for a in articles]))
        script = Path(tmp) / "run.py"
        script.write_text(RUNNER)
        command = [str(args.bertopic_python), str(script), str(vectors), str(texts), str(out)]
        subprocess.run(command, check=True)
        topics = json.loads(out.read_text())
    bertopic = {a.id: f"t{t}" for a, t in zip(articles, topics, strict=True)}
    dense = t17_stories.dense_by_id(embedded)
    stories = t17_stories.thread(t17_stories.event_states(embedded), dense=dense)
    rows = {"dateline stories": stories, f"BERTopic 0.17.4 ({label})": bertopic}
    print(f"{args.dataset}: {len(documents)} articles, {len(set(gold.values()))} gold topics")
    print("| system | stories | B3 P | B3 R | B3 F1 | ARI |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, predicted in rows.items():
        row = t17_stories.score(predicted, gold)
        b = row["bcubed"]
        print(
            f"| {name} | {row['clusters']} | {b['p']:.3f} | {b['r']:.3f} | {b['f1']:.3f} "
            f"| {row['ari']:.3f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
