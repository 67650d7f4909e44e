"""Write a large synthetic corpus of paper abstracts (JSON Lines) for the scale benchmarks.

Usage::

    python scripts/make_corpus.py /tmp/corpus50k.jsonl              # 50,000 abstracts, seed 0
    python scripts/make_corpus.py /tmp/c.jsonl -n 5000 --seed 1

Each abstract recombines real sentences, drawn at random, from the bundled sample
abstracts (``kg/data/sample``) and the annotated corpora in ``data/`` (SciREX abstracts and
TDMSci sentences), so the text has the vocabulary and the entity density of real abstracts.
Each paper gets a fresh synthetic title (unique after :func:`kg.model.normalise_title`, so
no two papers are merged by deduplication) and an id ``synth-<n>``. The output depends only
on ``-n`` and ``--seed`` (and the bundled texts). The file is a benchmark input: never commit it.
"""

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest import read_inputs  # noqa: E402
from kg.model import normalise_title  # noqa: E402

CORPORA = (ROOT / "data" / "scirex_abstracts.jsonl", ROOT / "data" / "tdmsci_sentences.jsonl")
# A sentence ends at . ! or ? followed by space and a capital letter (or an opening bracket).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])")

# Title parts: a coined method name, a subject and a purpose, as in real listing titles.
_ROOTS = ("Flow", "Graph", "Token", "Vision", "Sparse", "Meta", "Diff", "Proto", "Neuro", "Quant",
          "Hyper", "Mamba", "Lora", "Align", "Mix", "Rank", "Prompt", "Seg", "Motion", "Retro",
          "Causal", "Latent", "Struct", "Omni", "Echo", "Fusion", "Pixel", "Chrono", "Dyna", "Vec")
_TAILS = ("Former", "Net", "GPT", "Diff", "BERT", "Mixer", "VAE", "GAN", "Seg", "Flow", "RL", "Match",
          "Fuse", "Bench", "Tune", "Prop", "Nav", "Gen", "Det", "Lens")
_ADJECTIVES = ("Efficient", "Scalable", "Robust", "Sparse", "Adaptive", "Hierarchical", "Contrastive",
               "Self-Supervised", "Multimodal", "Lightweight", "Causal", "Continual", "Federated",
               "Compositional", "Uncertainty-Aware", "Zero-Shot", "Few-Shot", "Generative",
               "Interpretable", "Memory-Efficient", "Long-Context", "Equivariant", "Differentiable")
_SUBJECTS = ("Attention", "Transformers", "Diffusion Models", "Graph Neural Networks", "Language Models",
             "Vision Transformers", "State Space Models", "Mixture of Experts", "Retrieval",
             "Reinforcement Learning", "Point Cloud Networks", "Tokenizers", "Reward Models",
             "Optimizers", "Normalizing Flows", "Speech Encoders", "Video Models", "Agents")
_PURPOSES = ("Semantic Segmentation", "Machine Translation", "Question Answering", "Image Generation",
             "Motion Generation", "Object Detection", "Code Generation", "Speech Recognition",
             "Text Classification", "Depth Estimation", "Time Series Forecasting", "Recommendation",
             "Protein Design", "Visual Navigation", "Summarization", "Anomaly Detection",
             "Molecule Generation", "Image Captioning", "Relation Extraction", "Pose Estimation")
_CONNECTORS = ("for", "for", "in", "towards", "via")


def sentences_of(text):
    """Split an abstract into sentences (whitespace-normalised; very short pieces dropped)."""
    parts = (" ".join(p.split()) for p in _SENTENCE_END.split(text))
    return [p for p in parts if len(p) >= 20]


def sentence_pool():
    """Every distinct sentence of the bundled sample abstracts and the annotated corpora, in a fixed order."""
    texts = [paper.abstract for paper in read_inputs(None)]
    for path in CORPORA:
        with open(path, encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    return sorted({s for text in texts for s in sentences_of(text)})


def make_title(rng):
    """A fresh listing-style title, sometimes headed by a coined method name."""
    body = f"{rng.choice(_ADJECTIVES)} {rng.choice(_SUBJECTS)} {rng.choice(_CONNECTORS)} {rng.choice(_PURPOSES)}"
    if rng.random() < 0.6:
        return f"{rng.choice(_ROOTS)}{rng.choice(_TAILS)}-{rng.randint(1, 999)}: {body}"
    return body


def make_corpus(n, seed=0):
    """Yield ``n`` synthetic paper records ``{"id", "title", "abstract", "date"}`` (deterministic in ``seed``)."""
    rng = random.Random(seed)
    pool = sentence_pool()
    seen = set()
    for i in range(n):
        title = make_title(rng)
        while normalise_title(title) in seen:
            title = make_title(rng) + f" ({rng.choice(_PURPOSES)})"
        seen.add(normalise_title(title))
        # about as long as the sample abstracts (1,400 characters on average): 6-11 sentences
        abstract = " ".join(rng.choice(pool) for _ in range(rng.randint(6, 11)))
        date = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield {"id": f"synth-{i:06d}", "title": title, "abstract": abstract, "date": date}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="JSON Lines file to write")
    parser.add_argument("-n", type=int, default=50_000, help="number of abstracts (default 50,000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
        for record in make_corpus(args.n, args.seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {args.n:,} abstracts to {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
