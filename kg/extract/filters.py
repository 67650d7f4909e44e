"""The generic-mention filter: drop "our method", "the model", "training", "large datasets"…

A researcher lists named or clearly specific things; the annotated corpora and the
statistical model also mark generic phrases, which this filter removes.
"""

import functools
import re

from spacy.language import Language

from .doctext import doc_text, title_length
from .gazetteer import GAZETTEER_KEY, hyphen_attached
from .merge import (_ADJECTIVE_TAILS, _GAP_WORDS, _NAME_SPELLING, _NAMING_WORDS, _TASK_HEAD_WORDS, _VERSION, CLAUSE_GERUNDS,
                    CLAUSE_VERBS, ENTITIES_KEY, QUESTION_WORDS, _as_compound, _best, _Cand, _to_span, clause_start,
                    listed_labels)
from .patterns import HAS_NAME, METRIC_HEADS, PATTERNS_KEY, TASK_HEADS, is_coined
from .normalize import (ACTION_WORD, LANGUAGE_PAIR_JOINERS, LANGUAGES, PLACES, fold, is_language_pair,
                        language_words, singularize, strip_determiners)
from .roles import find_value

__all__ = ["GENERIC_HEADS", "GenericFilter", "is_generic"]

#: Nouns that never name a specific entity on their own or with only generic modifiers.
GENERIC_HEADS = frozenset("""
approach approaches method methods model models framework frameworks technique techniques
algorithm algorithms architecture architectures system systems network networks module modules
scheme schemes strategy strategies paradigm paradigms pipeline pipelines mechanism mechanisms
solution solutions baseline baselines variant variants version versions design designs tool tools
procedure procedures process processes component components block blocks layer layers structure
data dataset datasets benchmark benchmarks corpus corpora treebank treebanks database databases lexicon lexicons
set sets collection task tasks problem
problems experiment experiments result results performance performances evaluation evaluations
analysis analyses study studies work works paper papers training learning inference optimization
optimisation prediction predictions estimation representation representations feature features
quality efficiency effectiveness robustness improvement improvements gain gains cost costs
accuracy-related metric metrics measure measures score scores value values number amount
application applications setting settings scenario scenarios domain domains field fields
objective objectives loss function functions parameter parameters input inputs output outputs
information knowledge insight insights idea ideas theory case cases example examples way ways
level levels image images text texts sample samples signal signals property properties
issue issues challenge challenges question questions aspect aspects factor factors step steps
""".split())
#: Vocabulary of generic deep-learning phrases: a phrase made only of these words (in any case,
#: "Neural Networks", "hidden layer", "pretrained models") names no specific entity.
_GENERIC_VOCABULARY = frozenset("""
neural deep network networks net nets layer layers hidden linear nonlinear non-linear convolutional
fully-connected fully connected dense pretrained pre-trained trained learned learnable machine
theoretical empirical statistical computational computation gradient-based optimization-based
feature features representation representations training learning global local first second
building backbone encoder decoder head heads block blocks unit units weight weights sharing
weight-sharing parameter parameters end-to-end open ablation real-world real-time artificial
intelligence field area topic expected pre non fine tuned finetuned
""".split())
#: Research fields, broader than any task or method a paper addresses.
_FIELDS = frozenset({"machine learning", "deep learning", "artificial intelligence", "ai", "ml", "dl",
                     "data science", "sota", "state of the art", "state-of-the-art"})
#: Plain nouns a language may come with and still name no entity ("a Chinese corpus", "English data";
#: not "treebank": the Arabic Treebank is one).
_LANGUAGE_NOUNS = frozenset("""
corpus corpora data dataset datasets text texts sentence sentences document documents language languages
""".split())
#: An evaluation setting alone ("zero-shot", "5-shot"): the task or method it qualifies is the entity.
_SHOT_SETTING = re.compile(r"(?:zero|few|one|two|three|five|k|n|\d+|many|low)[- ]?shots?", re.IGNORECASE)
#: Hardware (computers, their interconnects, embedded boards, robot arms), neither a method nor a dataset.
_HARDWARE = re.compile(r"^(?:(?:NVIDIA |Nvidia )?(?:[GTCNI]PUs?|FPGAs?|ASICs?|[AHVPTK]\d{2,3}s?|L40S?|RTX ?\d{3,4}\w*|TPU ?v\d\w*"
                       r"|A100s?|H100s?|(?:GeForce |Tesla |Quadro )\w+(?: \w+)?|DGX(?:-\d|[- ][A-Z]\d+)?(?: nodes?| stations?| servers?)?)"
                       r"|PCIe|NVLink|InfiniBand"
                       # embedded boards and processors: "Cortex-M7", "Jetson Orin", "NVIDIA Orin", "Raspberry Pi 4"
                       r"|(?:Arm |ARM )?Cortex-[AMR]\d{1,3}\w*|(?:NVIDIA |Nvidia )?Jetson(?: [A-Z]\w*){0,2}"
                       r"|(?:NVIDIA |Nvidia )(?:DRIVE )?(?:Orin|Xavier|Thor)(?: [A-Z]\w*)?"
                       # server and desktop processors: "Intel Xeon Gold", "AMD EPYC 7763", "Apple M2", "MI250X"
                       r"|(?:Intel )?(?:Xeon|Core i[3579])(?: [A-Z0-9][\w-]*){0,2}"
                       r"|(?:AMD )?(?:EPYC|Ryzen|Instinct)(?: [A-Z0-9]\w*){0,2}"
                       r"|Apple M[1-4](?: Pro| Max| Ultra)?|(?:AMD )?MI\d{3}X?"
                       r"|Raspberry Pis?(?: \d\w*)?|STM32\w*|Arduino(?: [A-Z]\w*)?|Snapdragon(?: \d{3}\w*)?"
                       # robot arms and platforms: "Franka Panda", "UR5e", "Kinova Gen3", "TurtleBot 3"
                       r"|Franka(?: Emika)?(?: Panda)?|UR(?:3|5|10|16)e?|Kinova(?: [A-Z]\w*)?|TurtleBot ?\d?|xArm ?\d?)$")
#: Units of measurement ("3 dB", "20 ms", "8 GB"): what a value is counted in, not an entity.
_UNIT = re.compile(r"^(?:[kMGT]?Hz|dBm?|[mµn]?s|[kMGTP]i?B|[kMG]?W|mAh|[mck]m|FPS|fps)$")
#: Heads that make a Title-Case name something other than a dataset ("Lottery Ticket Hypothesis").
_NOT_DATASET_HEADS = frozenset("""
hypothesis theorem lemma conjecture polynomial operator operators layer layers network networks
model models architecture algorithm method methods code computer computers block blocks framework
adaptation attention optimization learning propagation toolflow
""".split())
#: Kinds of data: a task phrase ending in one names a problem only with an action in it ("image
#: segmentation" ends elsewhere; "remote sensing images" has one; "text-to-image" maps between kinds).
_DATA_NOUNS = frozenset("""
image scene point cloud video sample input signal feature data datum frame patch pixel token sentence document
""".split())
#: Heads of phrases that say how or how well something works, never a method's name.
_NOT_METHOD_HEADS = frozenset("""
manner manners fashion sota capability capabilities ability abilities
""".split())
#: Characters of formulas, markup and addresses, never inside an entity name.
_MARKUP = re.compile(r"[\\{}^_$=<>|*]|://|www\.|\.(?:com|org|io)\b|\([^)]*$|^[^(]*\)")
_GENERIC_SINGLE = frozenset("""
accuracy-free state-of-the-art sota art generation detection segmentation classification
recognition reasoning understanding modeling modelling generalization generalisation
adaptation transfer planning control search retrieval compression pretraining pre-training
fine-tuning finetuning tuning encoder decoder encoders decoders embedding embeddings attention
transformer transformers pooling convolution convolutions backbone backbones head heads
vision language speech graph graphs video videos audio
open-source closed-source open-weight large-scale small-scale fine-grained coarse-grained long-range
short-range long-term short-term mitigation
""".split())
_MODIFIERS_GENERIC = frozenset("""
large small big simple effective efficient novel new existing proposed previous prior standard
different various several multiple many other same original current conventional traditional
popular common typical general generic specific deep neural based full whole entire final main
key core strong weak high low better best good robust powerful lightweight unified general-purpose
real-world synthetic public benchmark downstream challenging diverse extensive comprehensive
comparative systematic thorough detailed careful rigorous preliminary quantitative qualitative
long standing longstanding fundamental important open unsolved crucial critical central
""".split())
#: Organisations that build models: "OpenAI's o1", "models from Google", not methods themselves.
_ORGANISATIONS = frozenset("""
OpenAI Google DeepMind Anthropic Microsoft Meta Facebook NVIDIA Nvidia Apple Amazon IBM Baidu Alibaba
Tencent ByteDance Huawei Samsung xAI HuggingFace
""".split()) | {"Google DeepMind", "Google Research", "Google Brain", "Meta AI", "Facebook AI", "Microsoft Research",
               "Hugging Face", "Mistral AI", "Stability AI", "Alibaba Cloud", "Allen Institute for AI", "AI2"}
#: A hyphenated modifier that gives a kind or a size by a name: "ImageNet-scale", "GPT-style", "BERT-sized".
_KIND_OF = re.compile(r"^[A-Z0-9][\w.]*-(?:[Ss]cale|[Ss]ized?|[Ll]ike|[Ss]tyle)$")
#: Software a paper runs on, where it is published and where it is presented: tools, not methods
#: or datasets ("processed with PyTorch", "on Ubuntu 22.04", "released on GitHub", "at NeurIPS 2023").
_TOOLS_AND_VENUES = frozenset("""
PyTorch TensorFlow Keras JAX NumPy SciPy scikit-learn sklearn pandas MATLAB CUDA cuDNN Python Java Ubuntu Linux
Windows macOS Android iOS GitHub GitLab Zenodo Kaggle NeurIPS NIPS ICML ICLR CVPR ICCV ECCV EMNLP NAACL EACL AAAI
IJCAI KDD SIGIR COLING Interspeech ICASSP MICCAI WSDM CIKM AISTATS UAI COLT CoRL ICRA IROS
""".split())
#: A version or year after a tool's or venue's name: "Ubuntu 22.04", "NeurIPS 2023", "Python 3".
_VERSION_AFTER = re.compile(r"\s+v?\d[\d.]*$")
#: A reference to a publication, not an entity: "Ramanujan et al", "Smith and Jones (2019)".
_CITATION = re.compile(r"\bet al\b|\(\d{4}\)")


_SIZE = re.compile(r"^\d+(?:\.\d+)?[KMBT]$")
#: A name that ends in a model's parameter count: "Llama-3.2-1B", "Pythia-410M".
_MODEL_SIZE = re.compile(r"[A-Za-z][^\s]*-\d+(?:\.\d+)?[MB]")
_ARCHITECTURE_NAME = re.compile(r"(?:Former|GAN|GNN|CNN|RNN|Mamba|BERT|GPT)(?:-?\d+)?$")
#: Heads of a way to solve a problem after the problem's name: "bilevel optimization algorithm".
_PROCEDURE_HEADS = frozenset("approach approaches algorithm algorithms method methods framework frameworks".split())
#: Heads of what solves a problem: "boundary point detectors".
_SOLVER_HEADS = frozenset("detector detectors solver solvers classifier classifiers estimator estimators".split())
#: Heads of a model's parts: a "task" the statistical model ends in one is a method.
_PART_HEADS = frozenset("module modules block blocks layer layers mechanism mechanisms encoder decoder".split())
_MODEL_HEADS = frozenset("model models network networks architecture architectures transformer transformers".split())
#: Last words of measures (a metric the statistical model proposes must end in one, or be an acronym).
_MEASURE_HEADS = METRIC_HEADS | frozenset("""
complexity overhead overheads f1 f-measure measure bleu rouge meteor ter cider auc map mrr ndcg
accuracy error errors score scores perplexity rank coefficient agreement purity fluency adequacy
reduction points point f acc kappa judgment judgments judgement judgements positives negatives
faster speedup speed-up acceleration
""".split())


def _fits_label(words, folded, label):
    """Does the phrase have the shape of its label: a dataset is a named collection (not a size, an
    architecture or a task), a task is not a model, a metric ends in a measure or is an acronym?"""
    last_word, last = words[-1], folded[-1]
    if label == "Dataset":
        if not any(HAS_NAME.search(w) for w in words):
            return False  # "large datasets"
        if last in _NOT_DATASET_HEADS or last in TASK_HEADS or _SIZE.match(words[0]):
            return False  # "Lottery Ticket Hypothesis", "Robust Cardiac Segmentation", "100B tokens"
        if _ARCHITECTURE_NAME.search(last_word) or len(words) > 8:
            return False  # "HBD-Net"; a paper title
    elif label == "Task":
        if last in _MODEL_HEADS or last in ("baseline", "baselines") or _ARCHITECTURE_NAME.search(last_word):
            return False  # "text-to-image diffusion models", "Vision Mamba", "uncertainty baselines"
        if last in _DATA_NOUNS and "to" not in folded and not any(ACTION_WORD.search(w) and "-" not in w for w in words):
            return False  # "camera images", "LiDAR point clouds", "instruction-following data": data, not a problem
        if last in ("task", "tasks") and len(words) > 1 and not _names_a_problem(words[:-1], folded[:-1]):
            return False  # "audio tasks", "time series tasks": a kind of data, not a problem
    elif label == "Method":
        if last in _NOT_METHOD_HEADS or folded[-4:] == ["state", "of", "the", "art"]:
            return False  # "self-supervised manner", "matching state-of-the-art", "generative capabilities"
    elif label == "Metric":
        # "MUC", "B3", "chrF"
        acronym = any(sum(c.isupper() for c in w) >= 2 or any(c.isupper() for c in w[1:]) or _LETTER_NUMBER.fullmatch(w)
                      for w in words)
        if not acronym and not _has_measure_head(folded):
            return False  # "computational graph", "signal propagation"
    return True


#: Problems named without an action-noun ending ("continuous control tasks", "retrieval tasks").
_PROBLEM_WORDS = TASK_HEADS | frozenset("control search retrieval qa".split())


def _names_a_problem(words, folded):
    """Do the words before "task(s)" name a problem: an action noun ("reasoning", "translation"), a
    task head, a name or acronym ("NLP", "GLUE") or a mapping ("sequence-to-sequence")?"""
    return ("to" in folded or any(HAS_NAME.search(w) for w in words)
            or any(ACTION_WORD.search(w) or w in _PROBLEM_WORDS for w in folded))


def _has_measure_head(folded):
    """Does a metric name end in a measure word, judged without its acronym and a trailing number
    ("word error rate (WER)", "F 1")?"""
    head = [w for w in re.sub(r"\s*\(.*$", "", " ".join(folded)).split()
            if not w.isdigit() and w not in ("at", "@", "k", "n")]
    return bool(head) and (head[-1] in _MEASURE_HEADS or head[-1].replace("-", "") in _MEASURE_HEADS)


#: Last words of a measure that no task ends in ("token-level F1-score", "retrieval accuracy").
_SCORE_HEADS = frozenset("""
score scores accuracy accuracies f1 f1-score f-score f-measure precision recall bleu rouge auc
perplexity mae mse rmse entropy divergence
""".split())


#: Measures of cost that no method's name ends in ("end-to-end throughput").
_COST_WORDS = frozenset("throughput latency runtime wall-clock".split())
#: Words of :data:`_SCORE_HEADS` that end methods' names too.
_METHOD_SCORE_WORDS = frozenset("score scores precision recall entropy divergence mae mse rmse".split())


def _ends_in_score_word(text):
    """Does ``text``, an acronym in parentheses aside, end in a word of :data:`_SCORE_HEADS`?"""
    words = fold(re.sub(r"\s*\(.*$", "", text)).split()
    return bool(words) and words[-1] in _SCORE_HEADS


#: Last words that make a "dataset" name an evaluation event, which names a task.
_EVENT_NOUNS = frozenset("task tasks competition competitions track tracks".split())
#: Content sources (gazetteer ids) that a text often names only to qualify their units:
#: "Wikipedia articles", "Reddit comments", "PubMed abstracts".
_CONTENT_SOURCES = frozenset({"wikipedia", "reddit", "pubmed"})
#: The units of a content source.
_SOURCE_UNITS = frozenset("""
article articles page pages title titles infobox infoboxes sentence sentences link links category
categories edit edits editor editors user users post posts comment comments thread threads abstract
abstracts entry entries
""".split())


def _qualifies_its_units(span):
    """Is this content source (:data:`_CONTENT_SOURCES`) only the modifier of its units, "Arabic
    Wikipedia articles", "Wikipedia link structure", "Reddit comments", or of an adjective,
    "Wikipedia-based"? The annotated corpora leave it unmarked there (TDMSci 12 times of 13 in
    its train and dev parts), and mark it where it is the data itself ("uses Wikipedia for ...",
    "Wikipedia data").

    >>> import spacy; from spacy.tokens import Span; nlp = spacy.blank("en")
    >>> doc = nlp("We annotate Wikipedia articles and train on Wikipedia.")
    >>> [_qualifies_its_units(Span(doc, i, i + 1, "Dataset", span_id="wikipedia")) for i in (2, 7)]
    [True, False]
    """
    if span.label_ != "Dataset" or span.id_ not in _CONTENT_SOURCES or span.end >= len(span.doc):
        return False
    after = span.doc[span.end]
    if after.lower_ in _SOURCE_UNITS:
        return True
    return (after.text in ("-", "‐") and not span.doc[span.end - 1].whitespace_ and span.end + 1 < len(span.doc)
            and span.doc[span.end + 1].lower_ in ("based", "like", "style", "derived", "specific"))


#: Words near a dataset name: its type noun, a split, or "on"/"from" as in "results on X".
_DATASET_CONTEXT = re.compile(
    r"\b(?:data ?sets?|benchmarks?|corpus|corpora|treebanks?|collections?|(?:test|training|dev|development|validation)"
    r" (?:sets?|data|splits?)|splits?|on|from|over|across)\b", re.IGNORECASE)


#: Right before a model's "dataset": it is what an unnamed benchmark is for ("a benchmark for X").
_WHAT_A_BENCHMARK_IS_FOR = re.compile(r"\b(?:benchmark|suite)s?\s+(?:for|on)\s+(?:the\s+)?$", re.IGNORECASE)
#: "on" that does not introduce data: "improving on LSVI-UCB", "based on BERT", "relies on X".
_NOT_DATASET_ON = re.compile(
    r"\b(?:improv(?:e|es|ed|ing|ements?)|based|built|buil(?:d|ds|ding)|rel(?:y|ies|ying)|depend(?:s|ing)?"
    r"|focus(?:es|ed|ing)?|conditioned)\s+(?:on|upon)\b", re.IGNORECASE)


#: Words before "precision" that make it a number format, not the metric ("2-bit precision").
_NUMBER_FORMAT_WORDS = frozenset("""
bit bits finite mixed numerical numeric half single double full reduced arbitrary machine point
float fp4 fp8 fp16 fp32 fp64 bf16 int4 int8 integer
""".split())


#: Whole words before "precision" that name a number format: "2-bit", "ultra-low", "FP16",
#: "floating-point" (the word may be tokens written without spaces).
_NUMBER_FORMAT = re.compile(
    r"\d+-?bits?|ultra-low|mixed|half|full|single|double|arbitrary|numerical|numeric|machine|"
    r"floating[- ]point|fixed[- ]point|reduced|fp\d+|bf16|int\d+|bit", re.IGNORECASE)
#: A short form in brackets after a long one: "floating-point (FP)".
_ACRONYM_AFTER = re.compile(r"\s*\([^()]*\)$")


#: Nouns after "precision" that make it part of another term: "precision medicine", "high precision
#: operations", "precision arithmetic".
_PRECISION_COMPOUNDS = frozenset("""
medicine agriculture farming operations arithmetic format formats weights computation computations
""".split())


def _is_number_format(span):
    """Is this metric a number format ("floating-point (FP)"), or "precision" the precision of
    numbers ("mixed precision", "2-bit precision", "quantizing to ultra-low precision", "FP16
    precision": the word before it in the span or not; "precision arithmetic") or part of
    another term ("precision medicine")?

    >>> import spacy; from spacy.tokens import Span; nlp = spacy.blank("en")
    >>> [_is_number_format(Span(doc, i, i + 1, "Metric")) for doc, i in ((nlp("mixed precision training"), 1),
    ...  (nlp("to ultra-low precision"), 4), (nlp("high precision and recall"), 1), (nlp("FP16 precision"), 1),
    ...  (nlp("for precision medicine"), 1))]
    [True, True, False, True, True]
    >>> _is_number_format(Span(nlp("in FP16 precision"), 1, 3, "Metric"))
    True
    >>> _is_number_format(Span(nlp("the floating-point (FP) formats"), 1, 7, "Metric"))
    True
    """
    if span.label_ != "Metric":
        return False
    if _NUMBER_FORMAT.fullmatch(_ACRONYM_AFTER.sub("", span.text)):
        return True
    if span[-1].lower_ not in ("precision", "precisions"):
        return False
    doc, end = span.doc, span.end - 1  # the "precision" token
    if span.end < len(doc) and doc[span.end].lower_ in _PRECISION_COMPOUNDS:
        return True
    if end == 0:
        return False
    if len(span) == 1 and span.text.lower() == "precision" and doc[end - 1].lower_ in _NUMBER_FORMAT_WORDS:
        return True
    i = end - 1
    while i > 0 and not doc[i - 1].whitespace_:  # the whole word: "ultra-low", "8-bit"
        i -= 1
    return _NUMBER_FORMAT.fullmatch(doc[i:end].text) is not None


#: Words around "translation" that make it the geometric transformation, not machine translation
#: ("translation invariance", "rotation and translation", "affine translations").
_GEOMETRY_WORDS = frozenset("""
invariance invariant invariances equivariance equivariant equivariances symmetry symmetries
rotation rotations rotational scaling scale reflection reflections shear shearing affine rigid
translational vector vectors matrix matrices displacement shift shifts 3d 2d pose poses flip flips
flipping crop crops cropping jitter
""".split())
_TRANSLATION = frozenset({"translation", "translations"})


def _is_geometric_translation(span):
    """Is this "translation" (alone) a shift in space: "translation invariance", "robust to rotation
    and translation"? A word of :data:`_GEOMETRY_WORDS` within four tokens either side says so.

    >>> import spacy; nlp = spacy.blank("en")
    >>> _is_geometric_translation(nlp("robust to rotation and translation")[4:5])
    True
    >>> _is_geometric_translation(nlp("translation from Chinese to English")[0:1])
    False
    """
    if span.text.lower() not in _TRANSLATION:
        return False
    doc = span.doc
    near = doc[max(span.start - 4, 0) : span.start].text + " " + doc[span.end : span.end + 4].text
    return any(w in _GEOMETRY_WORDS for w in re.findall(r"[a-z0-9]+", near.lower()))


#: Words after a one-word task gerund that make it a verb with an object ("parsing the WSJ treebank").
_OBJECT_STARTS = frozenset("the a an these those this that its their our each every all".split())


#: Words before "recall" that make it the verb ("we recall", "to recall", "let us recall").
_RECALL_VERB_BEFORE = frozenset("we us i you to let briefly first also can could shall will should must".split())


def _is_verb_recall(span):
    """Is this metric "recall" the verb: "we recall that", "it is helpful to recall the solution",
    a sentence that starts "Recall that"? A subject, "to" or a modal before it and an object or
    clause after it say so ("a higher recall than", "improves recall by 5 points" stay metrics).

    >>> import spacy; from spacy.tokens import Span; nlp = spacy.blank("en")
    >>> [_is_verb_recall(Span(nlp(t), i, i + 1, "Metric")) for t, i in (("We recall that it holds", 1),
    ...  ("Recall that BERT is large", 0), ("helpful to recall the solution", 2), ("improves recall by 5", 1),
    ...  ("precision and recall that are high", 2))]
    [True, True, True, False, False]
    """
    if span.label_ != "Metric" or len(span) != 1 or span.text.lower() != "recall" or span.end >= len(span.doc):
        return False
    doc = span.doc
    after = doc[span.end].lower_
    if after not in _OBJECT_STARTS and after not in ("how", "what", "why", "when", "some"):
        return False
    if span.start == 0 or doc[span.start].is_sent_start:
        return after == "that"  # "Recall that ...", an imperative
    return doc[span.start - 1].lower_ in _RECALL_VERB_BEFORE


#: Second words of a hyphenated adjective that a measure can start ("latency-sensitive deployments",
#: "accuracy-critical layers", "memory-constrained devices"): the measure names no evaluation there.
_MEASURE_ADJECTIVES = frozenset("""
sensitive insensitive critical constrained bound bounded intensive hungry efficient aware limited
oriented driven optimal preserving agnostic friendly demanding centric focused saving heavy
""".split())
#: Words after a measure acronym that make it a model's name: "an MAE pre-trained ViT-L" (masked
#: autoencoder, not mean absolute error).
_TRAINED_AFTER = re.compile(r"(?:pre-?trained|fine-?tuned|pre-?training)", re.IGNORECASE)
#: "at training time", "at test time", "at inference time", "at runtime": when, not a cost.
_WHEN_TIMES = frozenset("training test testing inference deployment run decoding generation sampling".split())
#: Words before a count that describe an amount rather than report one: "requires a large number
#: of parameters", "with the same number of parameters".
_AMOUNT_WORDS = frozenset("large larger huge vast massive enormous great high same small growing increasing".split())


def _is_not_a_measure(span):
    """Is this metric name used for something other than a measure: the first word of a hyphenated
    adjective ("latency-sensitive", "accuracy-critical"; not "F1-score"), an acronym before
    "pre-trained" ("MAE pre-trained ViT-L" is the masked autoencoder), a time that says when
    ("unknown at training time", "at runtime"), or a count after a word of amount ("a large number
    of parameters", "the same number of parameters": a description, not a result)?

    >>> import spacy; from spacy.tokens import Span; nlp = spacy.blank("en")
    >>> [_is_not_a_measure(Span(nlp(t), i, j, "Metric")) for t, i, j in (("for latency-sensitive use", 1, 2),
    ...  ("the F1-score is high", 1, 2), ("an MAE pre-trained ViT", 1, 2), ("unknown at training time", 2, 4),
    ...  ("at runtime only", 1, 2), ("cuts training time by half", 1, 3), ("MAE of 0.3", 0, 1), ("an MAE  ", 1, 2),
    ...  ("a large number of parameters", 2, 5), ("cuts the number of parameters", 2, 5))]
    [True, False, True, True, True, False, False, False, True, False]
    """
    if span.label_ != "Metric":
        return False
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and hyphen_attached(doc, end + 1) and doc[end + 1].lower_ in _MEASURE_ADJECTIVES:
        return True
    after = doc[end : end + 3].text.split()  # the next word, hyphens and all ("pre-trained")
    if after and span.text.isupper() and _TRAINED_AFTER.fullmatch(after[0]):
        return True
    last = span[-1].lower_
    if span.start > 0 and doc[span.start - 1].lower_ == "at" and (
            last == "runtime" or last == "time" and len(span) == 2 and span[0].lower_ in _WHEN_TIMES):
        return True
    if span.start > 0 and doc[span.start - 1].lower_ in _AMOUNT_WORDS and (
            span[0].lower_ == "number" or last in ("count", "counts")):
        return True
    return False


def _is_other_sense(span):
    """Is this one-word, lower-case task name used for something other than the problem? Its plural
    names outputs ("the translations", "clusterings"); a gerund with an object is a verb ("parsing
    the WSJ treebank", "parsing German"); "translation" may be a shift in space
    (:func:`_is_geometric_translation`), alone or with other transformations ("rotation and translation").
    The metric "recall" may be the verb (:func:`_is_verb_recall`).

    >>> import spacy; from spacy.tokens import Span; nlp = spacy.blank("en")
    >>> [_is_other_sense(Span(nlp(t), 1, 2, "Task")) for t in ("the translations are fluent",
    ...  "for parsing the treebank", "on parsing German", "for parsing (constituency)")]
    [True, True, True, False]
    """
    if _is_verb_recall(span) or _is_not_a_measure(span):
        return True
    if span.label_ != "Task":
        return False
    if len(span) > 1:  # "rotation and translation"
        words = [t.lower_ for t in span]
        return (bool(_TRANSLATION.intersection(words))
                and all(w in _GEOMETRY_WORDS or w in _TRANSLATION or w in ("and", "or", ",") for w in words))
    if not span.text.islower():
        return False
    word, doc = span.text, span.doc
    if word.endswith(("ions", "ings")):
        return True
    if word.endswith("ing") and span.end < len(doc):
        after = doc[span.end]
        if after.lower_ in _OBJECT_STARTS or after.text[:1].isupper() and not after.is_sent_start:
            return True
    return _is_geometric_translation(span)


_PARTICIPLE_PREPOSITIONS = frozenset("to on by with in for from into over under across".split())


def _is_fronted_participle(span):
    """Is this one capitalised word a participle opening its sentence ("Applied to Open-Sora, ...",
    "Trained on ImageNet, ...", "Inspired by X, ...") rather than a name?

    >>> import spacy; from spacy.tokens import Span; nlp = spacy.blank("en")
    >>> doc = nlp("Applied to Sora , it works . Seed is a model .")
    >>> _is_fronted_participle(Span(doc, 0, 1, "Method")), _is_fronted_participle(Span(doc, 7, 8, "Method"))
    (True, False)
    """
    if len(span) != 1:
        return False
    token, doc = span[0], span.doc
    word = token.text
    return (word.endswith("ed") and word[:1].isupper() and word[1:].islower() and len(word) > 4
            and (token.i == 0 or token.is_sent_start)
            and span.end < len(doc) and doc[span.end].lower_ in _PARTICIPLE_PREPOSITIONS)


def _is_side_effect(span):
    """Does the span open with a gerund of change after "while", "by" or the like, a verb phrase of
    what a method achieves along the way ("while reducing communication rounds by 40%", "while
    reducing training steps"), not a name?

    >>> import spacy; from spacy.tokens import Span; nlp = spacy.blank("en")
    >>> doc = nlp("It wins while reducing communication rounds . We study reducing symmetries .")
    >>> _is_side_effect(Span(doc, 3, 5, "Method")), _is_side_effect(Span(doc, 10, 12, "Method"))
    (True, False)
    """
    doc = span.doc
    return (span[0].lower_ in _CHANGE_GERUNDS and span.start > 0
            and doc[span.start - 1].lower_ in ("while", "whilst", "thereby", "by", "without", "also"))


_CHANGE_GERUNDS = frozenset("""
reducing increasing decreasing lowering raising improving boosting enhancing minimizing minimising
maximizing maximising cutting saving halving doubling
""".split())


_LICENCE_WORDS = frozenset("license licenses licence licences licensed".split())
#: A Creative Commons licence: "CC BY 4.0", "CC-BY-NC", "CC0".
_CREATIVE_COMMONS = re.compile(r"CC(?:[-\s]?BY\b|0\b)")


#: A capital and a number, which a metric's name may be ("B3" of "the MUC, B3 and CEAF metrics").
_LETTER_NUMBER = re.compile(r"[A-Z]\d{1,2}")
#: A coined name that ends in "Bench" is a benchmark ("VBench", "MT-Bench", "SWE-bench", "GraphRAG-Bench").
_BENCHMARK_NAME = re.compile(r"[A-Z][\w.+]*(?:-[\w.+]+)*(?:-[Bb]ench|Bench)(?:mark)?")
#: A first word that is a named, numbered event or release ("SemEval-2007", "CoNLL-2003").
_NAME_WITH_NUMBER = re.compile(r"^[A-Z][A-Za-z]*-?\d")
#: Heads that make a model's Task span a dataset ("WMT 2008 news test set", "the OntoNotes corpus").
_COLLECTION_HEADS = frozenset("set sets dataset datasets corpus corpora treebank treebanks".split())


def _counted(span):
    """Does ``span`` open with the unit of a count glued to its number ("K instruction-response pairs"
    of "300K instruction-response pairs", "M images" of "2M images")? What follows is what was counted.

    >>> import spacy; from spacy.tokens import Span; nlp = spacy.blank("en")
    >>> doc = nlp("a dataset of 300K instruction pairs from K-Net")
    >>> [t.text for t in doc][3:5], _counted(Span(doc, 4, 6, "Method")), _counted(Span(doc, 8, 11, "Method"))
    (['300', 'K'], True, False)
    """
    doc = span.doc
    return (span[0].text in ("K", "M", "B", "k") and span.start > 0 and doc[span.start - 1].like_num
            and not doc[span.start - 1].whitespace_)


def _ends_hardware_name(span):
    """Is this name the tail of a hardware name, hyphenated ("M4" of "Cortex-M4") or not ("Gen3"
    of "Kinova Gen3")?

    >>> import spacy; from spacy.tokens import Span; nlp = spacy.blank("en")
    >>> [_ends_hardware_name(Span(nlp(t), 5, 6, "Dataset")) for t in ("runs on a Cortex-M4 core", "runs on the Foo-M4 set")]
    [True, False]
    >>> [_ends_hardware_name(Span(nlp(t), 4, 5, "Dataset")) for t in ("runs on a Kinova Gen3 arm", "runs on a Foo Gen3 arm")]
    [True, False]
    """
    doc, start = span.doc, span.start
    if hyphen_attached(doc, start):
        return bool(_HARDWARE.match(doc[start - 2 : span.end].text))
    return start > 0 and len(span) == 1 and doc[start - 1].is_title and bool(_HARDWARE.match(doc[start - 1 : span.end].text))


def _names_a_licence(span):
    """Is this name the licence a text is released under ("MIT license", "Apache 2.0 licence",
    "CC BY-NC 4.0 licensed"), not a method or a dataset?

    >>> import spacy; from spacy.tokens import Span; nlp = spacy.blank("en")
    >>> [_names_a_licence(Span(nlp(t), 3, 4, "Method")) for t in ("released under the MIT license",
    ...  "released under the MIT License .", "compared with the MIT model")]
    [True, True, False]
    >>> _names_a_licence(Span(nlp("We release the data under CC BY 4.0."), 5, 6, "Method"))
    True
    """
    doc = span.doc
    if span[0].text in ("CC", "CC-BY") and _CREATIVE_COMMONS.match(doc_text(doc), span.start_char):
        return True  # "CC BY 4.0", "CC0", "CC-BY-SA"
    return span.end < len(doc) and doc[span.end].lower_ in _LICENCE_WORDS


def _window(span, before, after):
    """The text around ``span`` within its sentence, about ``before`` characters before it and ``after``
    after, and the window's start offset. (Walks a few tokens: ``span.sent`` walks the whole doc.)"""
    doc = span.doc
    i = span.start
    while i > 0 and not doc[i].is_sent_start and doc[i].idx > span.start_char - before:
        i -= 1
    j = span.end
    while j < len(doc) and not doc[j].is_sent_start and doc[j].idx < span.end_char + after:
        j += 1
    lo = max(doc[i].idx, span.start_char - before)
    hi = min(doc[j - 1].idx + len(doc[j - 1].text), span.end_char + after)
    return doc_text(doc)[lo:hi], lo


def _unsupported_metric(span):
    """A metric the statistical model proposes that is neither a known name nor ends in a measure
    word ("MarDini", "ViG-S", "CLIP models"): kept only where a value is stated for it ("24.4 BLEU")."""
    words = strip_determiners(span.text.split())
    if _has_measure_head(fold(" ".join(words)).split()):
        return False
    text, lo = _window(span, 40, 60)
    return find_value(text, span.start_char - lo, span.end_char - lo) is None


@functools.lru_cache(maxsize=1 << 16)  # pure: the same names recur across abstracts
def is_generic(text, label, *, known=False, defined=False):
    """Is the mention ``text`` (of ``label``) a generic phrase rather than a specific entity?

    ``known`` mentions (gazetteer matches) are never generic. A ``defined`` one (a short form the
    text defines) is no hardware or unit whatever else it abbreviates: "fast patch-free global
    learning (FPGA)".

    >>> is_generic("our method", "Method"), is_generic("large datasets", "Dataset")
    (True, True)
    >>> is_generic("knowledge distillation", "Method"), is_generic("KIT-ML", "Dataset")
    (False, False)
    >>> is_generic("Neural Networks", "Method"), is_generic("Lottery Ticket Hypothesis", "Dataset")
    (True, True)
    >>> is_generic("dB", "Dataset"), is_generic("GB", "Dataset"), is_generic("GSM8K", "Dataset")
    (True, True, False)
    >>> is_generic("rapidly growing", "Method"), is_generic("densely connected networks", "Method")
    (True, False)
    >>> is_generic("Chinese-English", "Task"), is_generic("Chinese-English translation", "Task")
    (True, False)
    >>> is_generic("350M-parameter model", "Method"), is_generic("7B-parameter Llama", "Method")
    (True, False)
    >>> is_generic("Ubuntu 22.04", "Dataset"), is_generic("NeurIPS", "Method"), is_generic("Ubuntu Dialogue Corpus", "Dataset")
    (True, True, False)
    >>> is_generic("Ghana", "Method"), is_generic("Sub-Saharan Africa", "Dataset"), is_generic("Kenya crop maps", "Dataset")
    (True, True, False)
    >>> is_generic("Backbones", "Method"), is_generic("Encoders", "Method"), is_generic("Transformers", "Method")
    (True, True, False)
    >>> is_generic("ImageNet-scale data", "Dataset"), is_generic("GPT-style models", "Method"), is_generic("ImageNet-1K", "Dataset")
    (True, True, False)
    """
    if known:
        return False
    words = strip_determiners(re.split(r"\s+", text.strip()))
    if not words or len(text) < 2 or _LETTER.fullmatch(text) or _PARAMETER_COUNT.fullmatch(text):
        return True  # a variable ("G.", "X"), a model's size ("540B-parameter")
    if len(words) > 1 and _PARAMETER_COUNT.fullmatch(words[0]):
        return is_generic(" ".join(words[1:]), label, defined=defined)  # "350M-parameter model" is "model"
    if len(words) == 1 and _ADJECTIVE_SUFFIX.search(words[0]):
        return True  # "Region-specific", "NeRF-based": modifiers, not names
    if _MARKUP.search(text) or not defined and (_HARDWARE.match(text) or _UNIT.match(text)) or re.fullmatch(r"\d[dD]", text):
        return True  # "W_Q", "O(n log n", URLs, "GPUs", "V100", "dB", "2D"
    if _SHOT_SETTING.fullmatch(" ".join(words)):
        return True  # "zero-shot", "few-shot": a setting of the task ("few-shot learning" is one)
    if _CITATION.search(text):
        return True  # "Choromanski et al", "[CCLMST23]"
    if " ".join(words) in _ORGANISATIONS:
        return True  # "OpenAI", "Google DeepMind": who built it, not what it is
    if _VERSION_AFTER.sub("", " ".join(words)) in _TOOLS_AND_VENUES:
        return True  # "PyTorch", "Ubuntu 22.04", "NeurIPS 2023": what it runs on or where it appears
    if not any(c.isalpha() for c in text):
        return True
    if len(words) > 1 and _SIZE.match(words[0]) and all(w.islower() for w in words[1:]):
        return True  # a quantity: "1M rows", "100B tokens", "7B parameters"
    folded = fold(" ".join(words)).split()
    if " ".join(folded) in _FIELDS or " ".join(folded) in PLACES:
        return True  # a field ("machine learning"), a place ("Ghana", "Sub-Saharan Africa")
    pieces = language_words(" ".join(words))
    if (any(w in LANGUAGES for w in pieces)
            and all(w in LANGUAGES or w in LANGUAGE_PAIR_JOINERS or w in _LANGUAGE_NOUNS for w in pieces)
            or is_language_pair(text)):
        return True  # "Chinese-English", "English to German", "a Chinese corpus", "En-De": no entity
    generic_words = GENERIC_HEADS | _MODIFIERS_GENERIC
    if label in ("Method", "Task"):
        generic_words = generic_words | _GENERIC_VOCABULARY
    if all(w in generic_words for w in folded):
        return True  # in any case: "Neural Networks", "hidden layer", "pretrained models"
    if (label in ("Method", "Task") and len(folded) > 1 and folded[-1] in _GENERIC_SINGLE
            and all(w in _MODIFIERS_GENERIC for w in folded[:-1])):
        return True  # a generic word with generic modifiers: a title's "Efficient Vision [Backbones]"
    if len(words) > 1 and any(_KIND_OF.search(w) for w in words) and all(
            _KIND_OF.search(w) or fold(w) in generic_words for w in words):
        return True  # a kind or a size of something generic: "ImageNet-scale data", "GPT-style models"
    if (len(folded) == 1 and words[0].istitle() and folded[0].endswith("s")
            and singularize(folded[0]) != folded[0] and singularize(folded[0]) in generic_words):
        return True  # a capitalised plural of a generic word (which fold leaves plural): "Backbones: ...", "Encoders"
    if not _fits_label(words, folded, label):
        return True
    if _ADVERB_PARTICIPLE.fullmatch(" ".join(words)):
        return True  # "rapidly growing", a title's "Adaptively Modeling": a modifier with no noun to name
    has_name = any(HAS_NAME.search(w) for w in words)
    if has_name:
        return False
    if all(w in GENERIC_HEADS or w in _MODIFIERS_GENERIC for w in folded):
        return True
    if label in ("Method", "Task") and len(words) == 1 and (words[0].lower() in _GENERIC_SINGLE
                                                        or len(folded) == 1 and folded[0] in _GENERIC_SINGLE):
        return True
    return False


#: One letter, perhaps with a full stop: a variable ("edges in G."), not a name.
_LETTER = re.compile(r"[^\W\d_]\.?")
#: A number of parameters: "540B-parameter", "7B parameters", "1.3B-param".
_PARAMETER_COUNT = re.compile(r"\d+(?:\.\d+)?\s?[KMBT]?[- ]?param(?:eter)?s?", re.IGNORECASE)
#: A lower-case adverb and the participle it modifies, and nothing else.
_ADVERB_PARTICIPLE = re.compile(r"[a-z]{3,}ly[ -][a-z]{3,}(?:ing|ed)", re.IGNORECASE)  # a title's "Adaptively Modeling" too


@Language.factory("kg_filter", assigns=["doc.spans"], requires=["doc.spans"],
                  default_config={"spans_key": ENTITIES_KEY})
def make_filter(nlp, name, *, spans_key):
    """spaCy factory for :class:`GenericFilter`."""
    return GenericFilter(name=name, spans_key=spans_key)


class GenericFilter:
    """Remove generic mentions from ``doc.spans[spans_key]`` and trim leading determiners.

    Where the statistical model's span goes, the gazetteer names and pattern mentions the merge
    let it cover come back ("Dice coefficient" of "Dice coefficient metric", the title's
    "GSM-Plus" of "GSM-Plus: A Comprehensive Benchmark"), or else a longer known name it starts
    ("SIGHAN 2005 bakeoff" of the model's "SIGHAN 2005"); where it is trimmed to a gazetteer
    name, it becomes that name ("Scaling Transformers" → Transformers).
    """

    def __init__(self, name="kg_filter", *, spans_key=ENTITIES_KEY):
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc):
        kept, others, restored, dropped = [], _OtherSpans(doc), False, set()
        unkept = []  # the model's coined names that go, which another mention of the name may bring back
        spans = list(doc.spans.get(self.spans_key, []))
        for k, span in enumerate(spans):
            out = _checked(span, others)
            if out is None and span._.kg_source == "model":
                covered = [c for c in (_checked(x, others) for x in others.covered(span)) if c is not None]
                if not covered:  # a known name the span starts, which the merge let the span cut short
                    limit = spans[k + 1].start if k + 1 < len(spans) else len(doc)
                    covered = [c for c in (_checked(x, others) for x in others.longer(span, limit)) if c is not None]
                kept.extend(covered)
                restored = restored or bool(covered)
                if not covered and " " not in span.text and is_coined(span.text):
                    unkept.append(span)
            elif out is not None:
                kept.append(out)
            elif span._.kg_source == "acronym" and span.text.endswith(")"):
                dropped.add((span.label_, span._.kg_long_form))
        if dropped:  # a definition that goes takes its short forms with it: "floating-point (FP)", then "FP"
            # (not a later bare long form that goes: "neural network" after "neural network (NN)")
            kept = [s for s in kept if len(s) > 1 or s._.kg_source != "acronym" or (s.label_, s._.kg_long_form) not in dropped]
        if unkept:
            # a coined name the model labels two ways ("ZipLM" a method once, a dataset twice) is what
            # its kept mentions say it is, everywhere
            label_of = {}
            for s in kept:
                if s._.kg_source == "model":
                    label_of.setdefault(s.text, set()).add(s.label_)
            back = [_resized(s, s.start, s.end) for s in unkept if len(label_of.get(s.text, ())) == 1]
            if back:
                for s in back:
                    s.label_ = next(iter(label_of[s.text]))
                kept.extend(back)
                restored = True
        doc.spans[self.spans_key] = sorted(kept, key=lambda s: (s.start, s.end)) if restored else kept
        return doc


class _OtherSpans:
    """The gazetteer's and the patterns' spans of a doc, read once and only if asked for."""

    def __init__(self, doc):
        self.doc, self._names, self._patterns, self._by_edge = doc, None, None, None

    def names(self):
        """The gazetteer's names, by ``(start, end)``."""
        if self._names is None:
            self._names = {(g.start, g.end): g for g in self.doc.spans.get(GAZETTEER_KEY, [])}
        return self._names

    def name_at(self, start, end):
        """The gazetteer name exactly at ``[start, end)``, or None."""
        return self.names().get((start, end))

    def dataset_inside(self, span):
        """The gazetteer dataset ``span`` starts with, and at most three more words that describe
        it or give its release ("FrameNet" of "FrameNet 1.5", "Atari" of "Atari video games"; not
        "Wikipedia link structure provides additional", "MPQA experiment"), or None."""
        doc = span.doc
        return next((g for g in self.names().values()
                     if g.label_ == "Dataset" and g.start == span.start and g.end <= span.end <= g.end + 3
                     and all(t.lower_ in _DATASET_DESCRIBERS or any(map(str.isdigit, t.text))
                             for t in doc[g.end : span.end])), None)

    def longer(self, span, limit):
        """The gazetteer's names of ``span``'s label that start where it starts and end after it, not
        after ``limit`` ("SIGHAN 2005 bakeoff" of the model's "SIGHAN 2005"), longest first."""
        names = sorted((g for g in self.names().values() if g.start == span.start and span.end < g.end <= limit
                        and g.label_ == span.label_), key=lambda g: -g.end)[:1]
        return [_to_span(self.doc, _Cand(g.start, g.end, g.label_, "gazetteer", g.id_)) for g in names]

    def listed_labels(self, span):
        """The labels of the gazetteer names next to ``span`` in a list (:func:`~kg.extract.merge.listed_labels`)."""
        if self._by_edge is None:
            names = [_Cand(g.start, g.end, g.label_, "gazetteer") for g in self.names().values()]
            self._by_edge = {g.start: g for g in names}, {g.end: g for g in names}
        return listed_labels(self.doc, span.start, span.end, *self._by_edge)

    def covered(self, span):
        """The gazetteer's proper names ("FrameNet", "ROUGE"; not "pruning", a word of the phrase;
        the hyphenated compound a name starts, "QM7-X", rather than the name) and a task a span
        names a system for ("semantic role labeling model"), then pattern mentions, inside a
        model span, longest first and not overlapping, as entity spans (the merge had let the
        model's span win over them)."""
        if self._patterns is None:
            self._patterns = list(self.doc.spans.get(PATTERNS_KEY, []))
        cands = []
        for g in self.names().values():
            if span.start <= g.start and g.end <= span.end and (HAS_NAME.search(g.text)
                                                                 or _task_of_a_system(span, g)):
                name = _Cand(g.start, g.end, g.label_, "gazetteer", g.id_)
                wide = _as_compound(self.doc, name)
                if wide is None:
                    cands.append(name)
                elif wide.end <= span.end:  # the compound the name starts is a name of its own ("QM7-X", not QM7)
                    cands.append(wide)
        cands += [_Cand(p.start, p.end, p.label_, "pattern", proposed=p._.kg_proposed) for p in self._patterns
                  if span.start <= p.start and p.end <= span.end]
        return [_to_span(self.doc, c) for c in _best(cands)]  # the merge's own choice among them


#: What a system for a task is called: "semantic role labeling model", "coreference system".
_SYSTEM_NOUNS = _PROCEDURE_HEADS | frozenset("model models system systems".split())


def _task_of_a_system(span, name):
    """Is the gazetteer ``name`` a task of two or more words that the dropped ``span`` names a
    system for ("semantic role labeling" of "semantic role labeling model")?"""
    return (name.label_ == "Task" and len(name) >= 2 and name.start == span.start
            and name.end == span.end - 1 and span[-1].lower_ in _SYSTEM_NOUNS)


def _leading_gerund(span):
    """How many tokens the "-ing" word that starts ``span`` takes ("leveraging" 1, "Fine-tuning"
    3), or 0 if it starts with another word or a task word ("denoising")."""
    doc, i = span.doc, span.start
    while i + 2 < span.end and hyphen_attached(doc, i + 2):
        i += 2  # "Fine" "-" "tuning"
    word = doc[span.start : i + 1].text.lower()
    if not (word.endswith("ing") and doc[i].is_alpha) or word in TASK_HEADS or doc[i].lower_ in TASK_HEADS:
        return 0
    return i + 1 - span.start


#: Words before a verb that a title capitalises like a name: "Agents that Plan", "Models which Reason".
_RELATIVE_PRONOUNS = frozenset("that which who".split())


def _checked(span, others):
    """``span`` trimmed, relabelled or made a gazetteer name (``others``: :class:`_OtherSpans`),
    or None if it is generic."""
    source = span._.kg_source
    if (source == "model" and len(span) == 1 and span.start > 0 and span.doc[span.start - 1].lower_ in _RELATIVE_PRONOUNS
            and not _NAME_SPELLING.match(span.text) and _in_title(span)):
        return None  # in a title, the verb of a relative clause: "Web Agents that Plan with World Models" (in the
        # abstract a capital says a name: "we show that Reactor reaches ...")
    if source != "gazetteer":
        trimmed = _trim(span)
        if trimmed is None:
            return None
        if (trimmed.label_ == "Task" and trimmed.start > span.start
                and span.doc[trimmed.start - 1].lower_ in _NAMING_VERBS | _NAMING_WORDS):
            trimmed.label_ = "Method"  # what a text names is what it makes: "which we name Guanaco"
        name = others.name_at(trimmed.start, trimmed.end) if trimmed is not span else None
        verb = _leading_gerund(trimmed)
        if name is None and verb and len(trimmed) > verb + (trimmed.label_ != "Method"):
            # a verb before a known name of the same kind: "Bootstrapping Imitation Learning", "leveraging
            # large language models", "Fine-tuning large language models", "Prompting StarCoder" (not a
            # task word, "denoising convolutional neural network", nor another kind, "predicting
            # generalization errors"; a gerund before a one-word metric is its kind: "training accuracy")
            name = others.name_at(trimmed.start + verb, trimmed.end)
            if name is not None and name.label_ == trimmed.label_:
                trimmed = span.doc[trimmed.start + verb : trimmed.end]
            else:
                name = None
        if name is not None:  # what is left is a known name ("Scaling Transformers" → Transformers)
            trimmed.label_, trimmed.id_ = name.label_, name.id_
            trimmed._.kg_source, trimmed._.kg_long_form = source = "gazetteer", None
            return trimmed
        span = trimmed
        if span.label_ != "Dataset" and _BENCHMARK_NAME.fullmatch(span.text):
            span.label_ = "Dataset"  # "GraphRAG-Bench: Evaluating ...", "SWE-bench": a benchmark by its name
        elif span.label_ == "Dataset" and span[-1].lower_ in _EVENT_NOUNS:
            span.label_ = "Task"  # "ILSVRC 2015 classification task", "CoNLL 2007 shared task"
        elif source == "model" and len(span) > 1:
            head = span[-1].lower_
            if span.label_ == "Task" and (head in _PART_HEADS or head in _SOLVER_HEADS):
                span.label_ = "Method"  # "multi-scale context module" is a part of a model; "boundary
                # point detectors" are what solves a problem
            elif span.label_ == "Task" and head in _PROCEDURE_HEADS:
                span = _resized(span, span.start, span.end - 1)  # "a bilevel optimization [algorithm]",
                # "LiDAR odometry and mapping [approach]": the problem the procedure is for
            elif (span.label_ == "Task" and head in ("system", "systems")
                  and (name := others.name_at(span.start, span.end - 1)) is not None and name.label_ == "Task"):
                span = _resized(span, span.start, span.end - 1)  # "our textual entailment [system]" is for a
                span.id_ = name.id_  # known task ("recommender systems", "dialogue systems" stay whole)
            elif span.label_ == "Method" and head in ("task", "tasks"):
                span.label_ = "Task"  # "sequence learning tasks"
            elif (span.label_ == "Task" and head in _COLLECTION_HEADS
                  and not any(t.lower_ in _GAP_WORDS for t in span)):
                span.label_ = "Dataset"  # "WMT 2008 news test set" is what a task is evaluated on
            elif (span.label_ == "Task" and head in ("benchmark", "benchmarks")
                  and all(t.text[0].isupper() or t.text[0].isdigit() for t in span[:-1])):
                span.label_ = "Dataset"  # "the Electricity and Traffic benchmarks" (not "link prediction benchmarks")
            elif (span.label_ == "Task" and _NAME_WITH_NUMBER.search(span[0].text)
                  and span.end < len(span.doc) and span.doc[span.end].lower_ in _COLLECTION_HEADS):
                span.label_ = "Dataset"  # "the SemEval-2007 all-words datasets" (not "link prediction datasets")
            elif span.label_ == "Task" and _ends_in_score_word(span.text):
                span.label_ = "Metric"  # "token-level F1-score" is what is measured, no problem
            elif span.label_ == "Method" and (span[-1].lower_ in _COST_WORDS or _ends_in_score_word(span.text)
                                              and span[-1].lower_ not in _METHOD_SCORE_WORDS):
                span.label_ = "Metric"  # "mean normalized accuracy" is measured; "mixed precision", "maximum
                # entropy", "denoising score" name methods
        if source == "model" and span.label_ == "Task" and _MODEL_SIZE.fullmatch(span.text):
            span.label_ = "Method"  # "Llama-3.2-1B", "Pythia-410M": a model of a size, no problem
        if (source == "model" and len(span) > 1 and span[0].text in _BENCHMARK_VARIANTS
                and (name := others.name_at(span.start + 1, span.end)) is not None and name.label_ == "Dataset"):
            span.label_ = "Dataset"  # "Split ImageNet-R", "Rotated MNIST": a benchmark made from a known dataset
        if source == "model" and span.label_ in ("Method", "Task") and len(span) > 1:
            metric = next((g for g in others.names().values() if g.end == span.end and span.start < g.start
                           and g.label_ == "Metric" and all(t.text == t.lower_ for t in span.doc[span.start : g.start])
                           and (span.label_ == "Method" or not any(ACTION_WORD.search(t.text)
                                                                   for t in span.doc[span.start : g.start]))),
                          None)
            # "fully supervised mIoU", "image-level AUROC": the known metric, described (not a task's
            # "predicting generalization errors")
            if metric is not None:
                return _checked(_to_span(span.doc, _Cand(metric.start, metric.end, "Metric", "gazetteer", metric.id_)),
                                others)
        if source == "model" and span.label_ in ("Dataset", "Task") and _outperformed(span):
            span.label_ = "Method"  # "outperforms CodeT and LEVER on APPS": what a method beats is a method
    # the merge's acronym spans of one token are short forms this text defines
    defined = source == "acronym" and len(span) == 1
    if (_qualifies_its_units(span) or _names_a_licence(span) or _is_fronted_participle(span) or _ends_hardware_name(span)
            or _counted(span) or source == "model" and _is_side_effect(span)):
        return None
    if (is_generic(span.text, span.label_, known=source == "gazetteer", defined=defined)
            or _is_number_format(span)
            or _is_other_sense(span)):
        return None
    if (source == "model" and len(span) == 1 and span.text.istitle() and span.text.lower() in _GENERIC_SINGLE
            and span.text.endswith(("ing", "ion")) and _in_title(span)):
        return None  # a title's generic word, capitalised: "... Without Pretraining", "... for Generation"
    if span.label_ == "Method" and span[-1].text == "attention" and span.end < len(span.doc) and span.doc[span.end].lower_ == "to":
        return None  # "global attention to data privacy" is the English word
    if source == "model":
        if span.label_ == "Metric" and _unsupported_metric(span):
            return None
        if span.label_ == "Dataset":
            text, lo = _window(span, 40, 25)
            known = others.dataset_inside(span)
            if (span[-1].lower_ not in ("data", "corpus", "corpora")
                    and not _DATASET_CONTEXT.search(_NOT_DATASET_ON.sub(" ", text))
                    and not _BENCHMARK_NAME.fullmatch(span.text) and "Dataset" not in others.listed_labels(span)
                    and known is None):
                # ("Europarl data" says what it is; so do "MMHal-Bench", "ModelNet10, and Imagenet32x32"
                # and a known dataset's release, "FrameNet 1.5")
                return None
            if known is not None and known.end < span.end and all(
                    t.lower_ in _DATASET_DESCRIBERS for t in span.doc[known.end : span.end]):
                # the known dataset, described: "Atari video games", "COCO detection set", "ATIS domain"
                # (not a resource made from it: "Wikipedia dispute corpus", "MPQA subjectivity lexicon")
                span.id_ = known.id_
            if _WHAT_A_BENCHMARK_IS_FOR.search(text, max(0, span.start_char - 30 - lo), span.start_char - lo):
                return None  # "A Benchmark for Tool-Augmented LLM Agents": what the benchmark is for, not its name
    return span


#: Words that make a continual-learning or robustness benchmark of a dataset: "Split CIFAR-10".
_BENCHMARK_VARIANTS = frozenset("Split Permuted Rotated Sequential Corrupted".split())
#: Verbs whose object is a method a paper's method is compared with.
_BEATING_VERBS = frozenset("outperform outperforms outperformed outperforming surpass surpasses surpassed surpassing "
                           "beat beats beating matching rivaling rivalling exceed exceeds exceeding".split())
#: Words of a list of names between such a verb and a name: "outperforms CodeT, LEVER and ...".
_LIST_WORDS = frozenset(", and or the both strong".split())


def _outperformed(span):
    """Is ``span`` a name of the list right after a verb of :data:`_BEATING_VERBS`, "surpassing
    OSTrack and SeqTrack", "outperforms the CodeT, LEVER and Coder-Reviewer baselines"? (Not
    after a preposition: "outperforms baselines on APPS".)

    >>> import spacy; from spacy.tokens import Span
    >>> doc = spacy.blank("en")("It outperforms CodeT and LEVER on APPS.")
    >>> _outperformed(Span(doc, 2, 3)), _outperformed(Span(doc, 4, 5)), _outperformed(Span(doc, 6, 7))
    (True, True, False)
    """
    doc = span.doc
    for i in range(span.start - 1, max(-1, span.start - 13), -1):
        word = doc[i]
        if word.lower_ in _BEATING_VERBS or word.lower_ == "of" and i > 0 and doc[i - 1].lower_ == "ahead":
            return True  # "ahead of TokenGT" too
        if not (word.lower_ in _LIST_WORDS or HAS_NAME.search(word.text) or word.text == "-"):
            return False
    return False


#: Words that describe a known dataset without naming another one ("COCO detection set", "Atari
#: video games", "ACE 2005 training corpus").
_DATASET_DESCRIBERS = frozenset("""
data dataset datasets set sets benchmark benchmarks corpus corpora collection domain domains environment
environments game games video suite split splits portion part section subset test testing training train
validation dev development evaluation release challenge shared task tasks track detection segmentation
classification keypoints images videos sentences documents texts lexicon
""".split())
#: Words a name does not end with ("token downsampling on the", "recognizing places in a").
_TRAILING_FUNCTION_WORDS = frozenset("""
a an the of on in at to for from by with and or as than that which who whose this these those
its their our is are was were be been via into onto over under between using based such
where when while whereas per versus vs through throughout within without across among amongst
toward towards against along upon beyond during after before around
""".split())
#: Object pronouns: the word before one is a verb ("orders nodes by a random walk and processes them").
_OBJECT_PRONOUNS = frozenset("them it us him her themselves itself".split())
#: Spelled-out counts a name never ends in (digits do end names: "Argoverse 2", "ResNet 50").
_COUNT_WORDS = frozenset("""
two three four five six seven eight nine ten eleven twelve twenty thirty fifty hundred hundreds thousand thousands
""".split())
#: Participles a method name never ends in: "LLaMA-3-70B-Instruct fine-tuned (through ...)".
_TRAILING_PARTICIPLE = re.compile(r"^(?:[a-z]+-)?(?:tuned|trained|finetuned|pretrained|learned|learnt|proposed|used"
                                  r"|obtained|generated|guided|conditioned|attached|applied|described|introduced"
                                  r"|presented|reported|considered|studied|employed|adopted|designed|developed"
                                  r"|deployed|evaluated|tested|compared|mentioned)$")
#: Naming words a model span may start with: "termed LinFusion" names LinFusion.
_LEADING_NAMING_WORDS = frozenset("""
called named dubbed termed coined namely by with using via through from into
""".split())
#: Naming verbs in the present, after "we": "which we name Guanaco".
_NAMING_VERBS = frozenset("name call dub term".split())
#: "named entity": "named" is no naming word there ("Named Entity Recognition in Historical Newspapers").
_NAMED_ENTITY = re.compile(r"entit(?:y|ies)$")
#: A verb's particles, which start no name: a title's "Slows Down Gradient Descent" (a name may
#: start with one hyphenated, "Up-sampling", "Out-of-distribution detection", not spaced).
_LEADING_PARTICLES = frozenset("down up out off".split())
#: A verb a particle follows: "slows [down]", "scaling [up]", "zoomed [out]".
_PHRASAL_VERB = re.compile(r"[a-z]+(?:[^s]s|ed|ing)")
#: Verbs of training, in the lower-case base form, that no name starts with ("pretrain decoder-only models").
_TRAINING_VERBS = frozenset("pretrain pre-train train finetune fine-tune retrain distill".split())
#: Verbs a metric's name never starts with ("we measure accuracy", "it improves latency").
_METRIC_LEADING_VERBS = frozenset("""
measure measures measured measuring report reports reported reporting achieve achieves achieved
improve improves improved improving evaluate evaluates evaluated compute computes computed reach
reaches reached obtain obtains obtained attain attains boost boosts boosted increase increases
increased reduce reduces reduced minimize minimizes minimise minimises maximize maximizes maximise
maximises yield yields yielded
""".split())
#: Prepositions that put a number after a name as a value, not a version ("SQuAD by 2.1").
_VALUE_PREPOSITIONS = frozenset("by of to from than with in on at".split())
#: Verbs a title frames its subject with; a name does not start with one.
_FRAMING_VERBS = frozenset("""
rethinking revisiting demystifying understanding exploring unveiling unlocking unleashing taming
towards toward boosting improving enhancing accelerating stabilizing stabilising scaling advancing
empowering harnessing bridging
""".split())
#: Words after a framing verb that make it part of the name ("scaling laws", "boosting trees").
_FRAMING_EXCEPTIONS = frozenset("law laws factor factors tree trees".split())
#: Words ending in "-ly" that are nouns, not adverbs ("MobileNet family").
_LY_NOUNS = frozenset("family families anomaly anomalies assembly monopoly supply italy july reply".split())
_ADJECTIVE_SUFFIX = re.compile(r"-(?:specific|based|like|aware|free|style|wise|driven|guided|level|oriented|agnostic"
                               r"|layer|layered|stage|step|dimensional|headed)$",
                               re.IGNORECASE)


#: A title's last word that judges its subject: "Random Fourier Features Revisited".
_TITLE_VERDICTS = frozenset("revisited reconsidered reexamined re-examined redux reloaded demystified explained".split())
#: Adjectives a name does not end with: the noun they modify was left out ("long-range temporal [patterns]").
_DANGLING_ADJECTIVES = frozenset("""
temporal spatial visual textual semantic syntactic contextual multimodal equivariant invariant convolutional
recurrent generative discriminative adversarial probabilistic differentiable adaptive
""".split())
#: Units of a metric's value, not part of its name: "a cost of 9 FID points".
_VALUE_UNITS = frozenset("points point pts pp".split())


def _in_title(span):
    """Is ``span`` in its paper's title?"""
    cut = title_length(span.doc)
    return cut is not None and span.start_char < cut


def _is_adverb(word):
    """A lowercase "-ly" word that is not a noun: "increasingly", "jointly" (a name does not end in one)."""
    return word.endswith("ly") and word.islower() and len(word) > 5 and word not in _LY_NOUNS


def _participle_end(doc, end):
    """How many tokens before ``end`` make a participle a name does not end in: 1 ("trained"),
    3 ("fine-tuned" is "fine", "-", "tuned"), or 0."""
    last, compound = doc[end - 1].text, hyphen_attached(doc, end - 1)
    if compound and doc[end - 3].text.islower() and _TRAILING_PARTICIPLE.match(doc[end - 3].text + "-" + last):
        return 3
    return 1 if _TRAILING_PARTICIPLE.match(last) and not compound else 0


def _cut_parenthetical(doc, start, end):
    """End a span before an unbalanced "(" or a parenthetical that is not its acronym.

    "spoken language understanding (Jabaian et al" and "statistical machine translation
    (WMT10)" end before the bracket; "machine translation (MT)" and 'asymmetric loss ("ASL")'
    keep it.
    """
    from .abbreviations import find_long_form, is_short_form

    for i in range(start, end):
        if doc[i].text != "(":
            continue
        close = next((j for j in range(i + 1, end) if doc[j].text == ")"), None)
        inner = ""
        if close is not None:
            lo, hi = i + 1, close
            if hi - lo >= 3 and doc[lo].is_quote and doc[hi - 1].is_quote:
                lo, hi = lo + 1, hi - 1  # 'asymmetric loss ("ASL")'
            inner = doc[lo:hi].text
        before = doc[start:i].text
        versioned = close == end - 2 and _VERSION.match(doc[end - 1].text)  # "(CTB) 5.0"
        if (close is None or close != end - 1 and not versioned or not is_short_form(inner)
                or find_long_form(inner, before) < 0):
            while i > start and doc[i - 1].is_space:
                i -= 1
            return i if i > start else end
    return end


#: Parts of a campaign or a dataset that a number names: "Task 4", "Area 5", "Fold 3".
_NUMBERED_PARTS = frozenset("task subtask area fold split track phase".split())
_TASK_NUMBER = re.compile(r"\d{1,2}[A-Za-z]?|[A-Z]")


def _trim(span):
    """``span`` without what a name neither starts nor ends with (None if nothing is left), with its
    extension values: at the start determiners, naming words ("termed"), a verb's particle, a
    metric's verb ("measure") and a title's framing verb ("Rethinking"); at the end the next
    sentence, a clause (:func:`~kg.extract.merge.clause_start`), a verb before an object pronoun,
    punctuation, function words, counts, adverbs, a title's verdict ("Revisited"), an adjective
    without its noun, a metric's unit ("points"), a method's participle ("fine-tuned") and a
    parenthetical that is not its acronym."""
    start, end = span.start, span.end
    doc = span.doc
    if end < len(doc) and doc[end - 1].lower_ in _NUMBERED_PARTS and _TASK_NUMBER.fullmatch(doc[end].text):
        end += 1  # a campaign's numbered task, a numbered split, whole: "SemEval-2017 Task 4", "S3DIS Area 5"
    words = [t.text for t in span]
    n_drop = len(words) - len(strip_determiners(words))
    start += n_drop
    if end - start > 1 and doc[start].text == "no" and doc[start].whitespace_:
        return None  # what is absent: "no augmentation search is needed" (not "no-reference IQA")
    if (end - start > 1 and doc[start].is_lower and doc[start].text.endswith("s")
            and not doc[start].text.endswith("ss") and doc[start + 1].like_num):
        return None  # a verb and its count: "generates 48 kHz stereo audio", "uses 8 GPUs"
    if (end - start >= 2 and doc[start].is_lower and doc[start].text.endswith("ing") and doc[start].whitespace_
            and " " not in (rest := doc[start + 1 : end].text) and is_coined(rest)):
        start += 1  # a gerund and its object, a coined name: "matching ViLD", "pruning OPT-13B"
    if end - start > 1 and doc[start].lower_ in _NAMING_VERBS and start > 0 and doc[start - 1].lower_ == "we":
        start += 1  # "which we name Guanaco", "we call SIREN" (not "name tagging")
    while start < end - 1 and (doc[start].lower_ in _LEADING_NAMING_WORDS
                               and not _NAMED_ENTITY.match(doc[start + 1].lower_)
                               or doc[start].lower_ in _LEADING_PARTICLES and doc[start].whitespace_):
        start += 1
    for i in range(end - 2, start, -1):
        if (doc[i].lower_ in _LEADING_PARTICLES and doc[i].text[0].isupper() and _PHRASAL_VERB.fullmatch(doc[i - 1].lower_)
                and doc[i - 1].whitespace_ and doc[i].whitespace_):
            start = i + 1  # a title's "Slows Down Gradient Descent" (not "a recursive rolling out mechanism")
            break
    while span.label_ == "Metric" and start < end - 1 and doc[start].lower_ in _METRIC_LEADING_VERBS:
        start += 1
    if end - start > 1 and doc[start].text in _TRAINING_VERBS and doc[start].whitespace_:
        start += 1  # "we pretrain decoder-only models": the verb is no part of the name
    # a name never runs into the next sentence ("U-Net-style DiT. Inspired")
    for i in range(start + 1, end):
        if doc[i].is_sent_start:
            end = i
            break
    # nor into a clause ("Graph Transformers Are Not Always Better"; not "IS", "Not-MIWAE" or a
    # name put as a question, "Who Did What"), and a title's "X Are Y: ..." proposes no X
    cut = clause_start(doc, start, end)
    clause = cut is not None
    if clause:
        end = cut
    if (span.label_ != "Metric" and end - start > 2 and doc[end - 1].like_num
            and doc[end - 2].lower_ in _VALUE_PREPOSITIONS):
        end -= 2  # a value after the name: "SQuAD [by 2.1] points" (a metric's "accuracy at 5" is its cutoff)
    if end < len(doc) and end - start > 1 and doc[end].lower_ in _OBJECT_PRONOUNS and doc[end - 1].is_lower:
        end -= 1  # the verb of the pronoun after it: "a random walk and processes [them]"
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ")]"
                           # the subject's verb: "Features align with ...", "federated learning differ"
                           or end - start > 1 and doc[end - 1].lower_ in CLAUSE_VERBS
                           # a participle clause: "an approximation theorem guaranteeing ..."
                           or end - start > 1 and doc[end - 1].lower_ in CLAUSE_GERUNDS
                           # a count that begins the next phrase: "transfer from English to twelve [languages]"
                           or end - start > 1 and doc[end - 1].lower_ in _COUNT_WORDS
                           # not the end of a hyphenated name ("Straight-Through", "IJB-A"), "-based" aside
                           or doc[end - 1].lower_ in _TRAILING_FUNCTION_WORDS and (doc[end - 1].lower_ == "based" or not hyphen_attached(doc, end - 1))
                           or doc[end - 1].is_space or _is_adverb(doc[end - 1].text)):
        end -= 1
    while (end - start > 1 and span.end <= end + 1 < len(doc) and doc[end - 1].is_lower and doc[end].text in "-‐"
           and hyphen_attached(doc, end + 1) and doc[end + 1].is_lower
           and doc[end + 1].lower_ not in _ADJECTIVE_TAILS):
        # the first half of a compound word the span stops in: "Hindi-English code[-switched tweets]"
        # (not "graph[-based]")
        end -= 1
    while end - start > 1 and (doc[end - 1].lower_ in _TITLE_VERDICTS and _in_title(span)
                               or doc[end - 1].lower_ in _DANGLING_ADJECTIVES and doc[end - 1].is_lower
                               and not hyphen_attached(doc, end - 1)  # "audio-visual", "spatio-temporal" stay
                               or span.label_ == "Metric" and doc[end - 1].lower_ in _VALUE_UNITS):
        end -= 1  # "Random Fourier Features Revisited", "long-range temporal [patterns]", "9 FID points"
        if end - start == 1 and doc[start].is_lower and doc[end].lower_ in _DANGLING_ADJECTIVES:
            return None  # a verb or another modifier was left: "generating multimodal [outputs]", "affine equivariant [layers]"
    if span.label_ == "Method":
        while end - start > 1 and (n := _participle_end(doc, end)) and end - n > start:
            end -= n
            while end > start and doc[end - 1].lower_ in _TRAILING_FUNCTION_WORDS:
                end -= 1
    if (end - start > 1 and doc[start].lower_ in _FRAMING_VERBS and doc[start + 1].lower_ in QUESTION_WORDS
            and span.label_ != "Dataset"):
        return None  # a title's question: "Understanding Why Adam Outperforms SGD"
    if ((span.label_ == "Method" or span.label_ == "Task" and _in_title(span)) and end - start > 1
            and doc[start].lower_ in _FRAMING_VERBS and doc[start + 1].lower_ not in _FRAMING_EXCEPTIONS
            and not doc[start + 1].is_punct and doc[start + 1].lower_ not in _TRAILING_FUNCTION_WORDS):
        # "Scaling Transformers", "Demystifying GNN-Based ...", a title's "Understanding Certified
        # Training": what the paper does to the entity, with no entity if what follows is generic
        # ("Understanding Neural Networks"); a task in the text is one ("understanding natural language")
        if is_generic(doc[start + 1 : end].text, span.label_):
            return None
        start += 1
    while start < end and doc[start].is_punct and doc[start].text not in "([":
        start += 1
    if span._.kg_source != "acronym" or not {t.lower_ for t in span[-2:]} & _TASK_HEAD_WORDS:
        end = _cut_parenthetical(doc, start, end)  # (the merge's own "retinal vessel (RV) segmentation" stays)
    if start >= end or any(doc[i].text == ":" for i in range(start + 1, end - 1)):
        return None  # nothing left, or a title's two halves ("SineNet: Learning Temporal Dynamics")
    if (start, end) == (span.start, span.end):
        return span
    new = _resized(span, start, end)
    if clause:
        new._.kg_proposed = False
    return new


def _resized(span, start, end):
    """``doc[start:end]`` with the label, id and extension values of ``span``."""
    new = span.doc[start:end]
    new.label_ = span.label_
    new.id_ = span.id_
    src, dst = span._, new._
    for attr in ("kg_source", "kg_proposed", "kg_long_form", "kg_confidence"):
        setattr(dst, attr, getattr(src, attr))
    return new
