"""Fast greedy decoding of the project's trained transition-based NER (spaCy's ``ner``), in NumPy.

spaCy's ``ner`` decodes one token at a time, checking every one of its 18 actions for
validity at every token; on our abstracts that check costs more than the neural network
itself. This component runs the *same* trained model (the ``ner`` pipe's tok2vec listener,
linear layer and precomputed affine layer) and takes the *same* greedy decisions, but in
bulk:

* Outside an entity, the state's features are the token and two paddings, so the scores of
  every token are computed at once and the action (O, U-label, B-label) is an argmax over the
  actions valid there.
* Inside an entity (after B-label) the only valid actions are I-label and L-label, scored
  from the token, the entity's first token and the previous token.

The validity rules are spaCy's ``BiluoPushDown`` rules for a doc with no preset entities
(entities never start on whitespace, never cross a sentence start, B needs a next token);
ties go to the lower action index as in spaCy's ``arg_max_if_valid``; sums run in spaCy's
order in float32, so the entities are identical (``tests/test_spacy_equivalence.py`` checks
this against spaCy's own ``ner``). A doc that already holds entities (an entity ruler earlier in
the pipeline, say) goes to spaCy's own decoder, which keeps them.

Each entity also gets a **confidence**: the probability (softmax over the actions valid there)
of the action that opened it, against staying outside or opening another label. spaCy's
greedy decoder computes the same scores and throws them away. They are kept in
``doc.user_data[CONFIDENCE_KEY]`` as ``{"start:end": probability}`` (token offsets; string keys,
so the doc still serialises with ``Doc.to_bytes``); :func:`entity_confidence` reads them.
"""

import numpy as np
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Span
from spacy.util import minibatch

__all__ = ["CONFIDENCE_KEY", "FastNER", "entity_confidence"]

CONFIDENCE_KEY = "kg_ner_confidence"

WINDOW = 8  # tokens of every open entity scored at once (most entities are shorter)


@Language.factory("kg_ner", assigns=["doc.ents"], default_config={"source": "ner", "batch_size": 64})
def make_fast_ner(nlp, name, *, source, batch_size):
    """spaCy factory for :class:`FastNER`, decoding the trained pipe ``source`` of ``nlp``.

    The pipeline keeps ``source`` (disabled: it holds and saves the weights) and runs this
    component instead; ``source`` is looked up at the first doc, once its weights are loaded.
    """
    return FastNER(nlp, name=name, source=source, batch_size=batch_size)


class FastNER:
    """Decode a trained spaCy ``EntityRecognizer``'s model greedily, as spaCy does, in NumPy."""

    def __init__(self, nlp, name="kg_ner", *, source="ner", batch_size=64):
        self.nlp = nlp
        self.name = name
        self.source = source
        self.batch_size = batch_size
        self.window = WINDOW
        self._ready = False

    def _setup(self):
        """Read the trained pipe's model and actions (after the pipeline has loaded its weights)."""
        self._trained = trained = self.nlp.get_pipe(self.source)
        model = trained.model
        if model.attrs.get("has_upper") or model.attrs.get("unseen_classes"):
            raise ValueError("kg_ner decodes NER models without an upper layer and with every action seen")
        self.labels = tuple(trained.labels)
        self._tok2vec = model.get_ref("tok2vec")
        self._lower = model.get_ref("lower")
        if self._lower.get_dim("nF") != 3:
            raise ValueError("kg_ner decodes spaCy's NER state features (nF = 3)")
        names = [trained.moves.get_class_name(i) for i in range(trained.moves.n_moves)]
        action = {name: i for i, name in enumerate(names)}
        self._out = action["O"]
        self._begin = np.array([action[f"B-{label}"] for label in self.labels])
        self._unit = np.array([action[f"U-{label}"] for label in self.labels])
        # B-label -> I-label and L-label, the actions valid inside the entity it opens
        self._in_of = np.zeros(len(names), dtype=int)
        self._last_of = np.zeros(len(names), dtype=int)
        self._in_of[self._begin] = [action[f"I-{label}"] for label in self.labels]
        self._last_of[self._begin] = [action[f"L-{label}"] for label in self.labels]
        self._action_label = {int(a): label for acts in (self._begin, self._unit) for a, label in zip(acts, self.labels)}
        self._ready = True

    def __call__(self, doc):
        self._decode([doc])
        return doc

    def pipe(self, docs, batch_size=None):
        for batch in minibatch(docs, size=batch_size or self.batch_size):
            self._decode(batch)
            yield from batch

    def _decode(self, docs):
        if not self._ready:
            self._setup()
        fresh, preset, arrays = [], [], []
        for doc in docs:
            if len(doc):
                attrs = doc.to_array([SENT_START, IS_SPACE, ENT_IOB])
                if ((attrs[:, 2] == 1) | (attrs[:, 2] == 3)).any():  # an entity is there already
                    preset.append(doc)
                else:
                    fresh.append(doc)
                    arrays.append(attrs)
        if preset:
            self._trained.set_annotations(preset, self._trained.predict(preset))
        docs = fresh
        if not docs:
            return
        tokvecs = self._tok2vec.predict(docs)
        cached = self._lower.predict(tokvecs)  # (1 + tokens, nF, nO, nP); row 0 is the padding
        pad, cached = cached[0], cached[1:]
        bias = self._lower.get_param("b")
        # Outside an entity the features are (token, padding, padding): all tokens at once,
        # summed in spaCy's order (0 + f0 + f1 + f2 + bias) so that the floats are the same.
        closed = (((cached[:, 0] + pad[1]) + pad[2]) + bias).max(axis=-1)
        attrs = np.concatenate(arrays)
        space = attrs[:, 1].astype(bool)
        # no I and no B where the next token starts a sentence or the doc ends
        no_next = np.ones(len(attrs), dtype=bool)
        no_next[:-1] = attrs[1:, 0] == 1
        ends = np.cumsum([len(doc) for doc in docs])
        no_next[ends - 1] = True
        valid = np.zeros(closed.shape, dtype=bool)
        valid[:, self._out] = True
        valid[:, self._unit] = ~space[:, None]
        valid[:, self._begin] = (~space & ~no_next)[:, None]
        scores = np.where(valid, closed, -np.inf)
        guesses = scores.argmax(axis=1)  # first of equal maxima, as spaCy
        ends_at = self._entity_ends(cached, bias, guesses, no_next)
        starts = sorted(ends_at)
        opened = np.array(starts, dtype=int)
        confidence = dict(zip(starts, _softmax_at(scores[opened], guesses[opened]).tolist()))
        offset, k = 0, 0
        for doc, end in zip(docs, ends.tolist()):
            spans, probs = [], {}
            after = offset  # first token not yet decoded
            while k < len(starts) and starts[k] < end:
                t = starts[k]
                k += 1
                if t >= after:  # else inside an entity already decoded
                    after = ends_at[t]
                    spans.append(Span(doc, t - offset, after - offset, label=self._action_label[int(guesses[t])]))
                    probs[f"{t - offset}:{after - offset}"] = round(confidence[t], 4)
            doc.set_ents(spans, default="outside")
            doc.user_data[CONFIDENCE_KEY] = probs
            offset = end

    def _entity_ends(self, cached, bias, guesses, no_next):
        """{token: end} of the entity each U or B guess would open (end exclusive).

        After B-label the valid actions are I-label and L-label (L only, where the next token
        starts a sentence or there is none), scored from the token, the entity's first token and
        the previous token. The next :attr:`window` tokens of every open entity are scored at
        once, then the next for those still open (most entities are shorter than one window).
        """
        ends_at = {t: t + 1 for t in np.flatnonzero(np.isin(guesses, self._unit)).tolist()}
        begins = np.flatnonzero(np.isin(guesses, self._begin))
        acts_in = self._in_of[guesses[begins]][:, None]
        acts_last = self._last_of[guesses[begins]][:, None]
        steps = np.arange(self.window)
        at = begins + 1  # the first token of the next window, per open entity
        while len(begins):
            span = np.minimum(at[:, None] + steps, len(no_next) - 1)  # no_next holds at the last token
            first = begins[:, None]
            h_in, h_last = (((((cached[span, 0, acts] + cached[first, 1, acts]) + cached[span - 1, 2, acts])
                              + bias[acts]).max(axis=-1)) for acts in (acts_in, acts_last))
            # L where it scores higher (or as high, when L is the lower action index), or is the only one valid
            stop = np.where(acts_in < acts_last, h_last > h_in, h_last >= h_in) | no_next[span]
            done = stop.any(axis=1)
            rows = np.flatnonzero(done)
            ends = span[rows, stop[rows].argmax(axis=1)] + 1
            ends_at.update(zip(begins[rows].tolist(), ends.tolist()))
            still = ~done
            begins, at, acts_in, acts_last = begins[still], at[still] + self.window, acts_in[still], acts_last[still]
        return ends_at


def _softmax_at(scores, chosen):
    """Softmax probability of each row's ``chosen`` column (``-inf`` marks invalid actions)."""
    if not len(scores):
        return np.zeros(0)
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp[np.arange(len(chosen)), chosen] / exp.sum(axis=1)


def entity_confidence(doc, span):
    """The NER's confidence in ``span`` (see the module docstring); ``None`` if it did not decode it."""
    return doc.user_data.get(CONFIDENCE_KEY, {}).get(f"{span.start}:{span.end}")
