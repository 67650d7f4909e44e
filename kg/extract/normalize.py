"""Normalise entity names to canonical ids: case, hyphens, spacing and plurals fold; numbers stay."""

import functools
import re
import unicodedata

from ..model import slugify, strip_type_noun

__all__ = ["ACTION_WORD", "LANGUAGES", "LANGUAGE_PAIR_JOINERS", "PLACES", "entity_id", "fold", "is_language_pair",
           "language_words", "singularize", "strip_determiners", "strip_generic_tail", "strip_type_noun"]

#: Natural languages: a language or a language pair alone ("Chinese-English", "English to German") is
#: a setting of a task or a dataset, not an entity of its own ("Chinese-English translation" is).
LANGUAGES = frozenset("""
english german french spanish italian portuguese dutch chinese mandarin cantonese japanese korean arabic
hebrew persian farsi urdu hindi bengali tamil telugu marathi gujarati punjabi nepali sinhala russian
ukrainian polish czech slovak slovenian croatian serbian bulgarian romanian hungarian finnish estonian
latvian lithuanian swedish danish norwegian icelandic greek turkish kazakh uzbek azerbaijani vietnamese
thai indonesian malay tagalog swahili yoruba hausa amharic zulu xhosa basque catalan galician irish
welsh pashto khmer burmese lao mongolian tibetan uyghur
""".split())
LANGUAGE_PAIR_JOINERS = frozenset({"-", "–", "to", "and", "→", "/", "<->"})
#: ISO 639-1 codes of languages, as machine translation writes a pair of them: "En-De", "zh→en".
LANGUAGE_CODES = frozenset("""
af am ar az be bg bn bo bs ca cs cy da de el en es et eu fa fi fr ga gl gu ha he hi hr hu hy id is it
ja ka kk km kn ko ky lo lt lv mk ml mn mr ms mt my ne nl no pa pl ps pt ro ru si sk sl so sq sr sv sw
ta te tg th tl tr uk ur uz vi xh yo zh zu
""".split())
#: A pair of language codes written as one word: "En-De", "EN→RO", "zh-en" (two different codes).
_CODE_PAIR = re.compile(r"([A-Za-z]{2})(?:-|–|→|->|/)([A-Za-z]{2})")


def language_words(text):
    """The words of ``text``, lowercased, with the joiners of a language pair as words of their own.

    >>> language_words("Chinese-to-English corpus")
    ['chinese', '-', 'to', '-', 'english', 'corpus']
    """
    return [w for w in _PAIR_SPLIT.split(text.lower()) if w.strip()]


_PAIR_SPLIT = re.compile(r"(\s+|[-–/→]|<->)")


def is_language_pair(text):
    """Is ``text`` a pair of languages, by name or by code: "English-German", "En-De", "zh→en"?

    >>> [is_language_pair(t) for t in ("En-De", "EN→RO", "English-to-German", "in-on", "De-De", "GPT-4")]
    [True, True, True, False, False, False]
    """
    if m := _CODE_PAIR.fullmatch(text):
        first, second = m.group(1).lower(), m.group(2).lower()
        return first != second and first in LANGUAGE_CODES and second in LANGUAGE_CODES and (
            text[:2].istitle() and text[-2:].istitle() or text[:2].isupper() and text[-2:].isupper()
            or text[:2].islower() and text[-2:].islower())
    words = language_words(text)
    return (len(words) >= 3 and words[0] in LANGUAGES and words[-1] in LANGUAGES
            and all(w in LANGUAGES or w in LANGUAGE_PAIR_JOINERS for w in words))

#: Countries and world regions (folded): a place alone ("Ghana", "Sub-Saharan Africa") is where data
#: comes from, not an entity. Names that are also common words or other names are left out
#: ("Jordan", "Georgia", "Chad", "Turkey", "Guinea").
PLACES = frozenset("""
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain
bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria
burkina faso burundi cambodia cameroon canada chile china colombia comoros congo croatia cuba cyprus
czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon
gambia germany ghana greece grenada guatemala guyana haiti honduras hungary iceland india indonesia iran
iraq ireland israel italy jamaica japan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia
lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali
malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar
namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay
peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia seychelles singapore
slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand
togo tonga tunisia turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen
zambia zimbabwe usa uk uae africa asia europe america oceania antarctica arctic
african asian european american indic slavic nordic scandinavian
""".split()) | {
    "united states", "united kingdom", "united arab emirates", "south africa", "south korea", "north korea",
    "new zealand", "saudi arabia", "sri lanka", "costa rica", "el salvador", "sierra leone", "south sudan",
    "papua new guinea", "czech republic", "dominican republic", "ivory coast", "hong kong", "puerto rico",
    "latin america", "south america", "north america", "central america", "middle east", "southeast asia",
    "east asia", "south asia", "central asia", "western europe", "eastern europe", "sub saharan africa",
    "east africa", "west africa", "north africa", "southern africa", "global south", "sub saharan",
}

_INVARIANT = ("ss", "us", "is", "ics", "sis", "ous", "ness", "ics")
_DETERMINERS = {
    "a", "an", "the", "our", "their", "its", "this", "these", "those", "that", "his", "her",
    "such", "each", "every", "various", "several", "many", "some", "any", "both", "all",
    "other", "novel", "new", "proposed", "existing", "standard", "popular", "widely-used",
    "well-known", "common", "commonly", "used", "famous", "recent", "modern",
}


def singularize(word):
    """Singular of an English plural noun (conservative; acronym plurals such as "GANs" too).

    >>> [singularize(w) for w in ["models", "GANs", "strategies", "losses", "analysis", "Mamba"]]
    ['model', 'GAN', 'strategy', 'loss', 'analysis', 'Mamba']
    """
    if len(word) <= 3:
        return word
    if word[-1] == "s" and word[:-1].isupper() and word[:-1].isalpha():
        return word[:-1]  # GANs, LLMs, CNNs
    lower = word.lower()
    if not lower.isalpha() or lower.endswith(_INVARIANT) or lower.endswith(("'s",)):
        return word
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if lower.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith("ss"):
        return word[:-1]
    return word


def strip_determiners(words):
    """Drop leading determiners and generic modifiers ("the", "our", "novel") from a word list."""
    i = 0
    while i < len(words) - 1 and words[i].lower() in _DETERMINERS:
        i += 1
    return words[i:]


#: The plural of a coined mixed-case name: a capital before the "s" ("MoEs", "NeRFs", "LightHGNNs") or
#: a name ending in "Net" ("GFlowNets"); not "DeepSets" or "TinyStories", whose "s" is part of the name.
_COINED_PLURAL = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z0-9]*(?:[A-Z]|[A-Z][a-z]*Net)s$")


@functools.lru_cache(maxsize=1 << 16)  # a pure function of a name, asked again for every mention of it
def fold(text):
    """The matching form of a name: NFKC, case-folded, hyphens and spaces unified, last word singular.

    >>> fold("Diffusion Models") == fold("diffusion-model") == fold("diffusion model")
    True
    >>> fold("ResNet-50") == fold("ResNet-101")
    False
    >>> fold("sparse MoEs") == fold("sparse MoE"), fold("GFlowNets"), fold("DeepSets"), fold("TinyStories")
    (True, 'gflownet', 'deepsets', 'tinystories')
    """
    text = unicodedata.normalize("NFKC", text).strip()
    words = re.split(r"[\s\-‐‑–_/]+", text)
    words = [w for w in words if w]
    if words:
        last = words[-1]
        # plural of a common noun or an acronym ("models", "GANs", "Diffusion Models"), not a name ("Cityscapes")
        if last.islower() or (last[:-1].isupper() and last.endswith("s")) or (len(words) > 1 and last.istitle()):
            words[-1] = singularize(last)
        elif _COINED_PLURAL.match(last):
            words[-1] = last[:-1]  # a coined name's plural: "MoEs", "ViTs", "LightHGNNs", "GFlowNets"
    return " ".join(w.casefold() for w in words)


_TASK_TAIL = re.compile(r"(?<=\S)\s+(?:tasks?|problems?)$", re.IGNORECASE)
_METHOD_TAIL = re.compile(
    r"(?<=\S)\s+(?:models?|architectures?|frameworks?|methods?|approach(?:es)?|algorithms?|modules?|"
    r"schemes?|strategy|strategies|paradigms?|mechanisms?|techniques?|backbones?|variants?|family|families|"
    r"baselines?)$",
    re.IGNORECASE,
)


#: The ending of a word that names an action ("segmentation", "parsing", "analysis", "alignment").
ACTION_WORD = re.compile(r"(?:ion|ing|sis|ment)s?$", re.IGNORECASE)
#: Last words that describe a head rather than name it ("Transformer-based", "pre-trained").
_MODIFIER_END = re.compile(r"(?:-(?:based|like|aware|free|style|driven|guided|specific|oriented|agnostic|level|wise)"
                           r"|trained|tuned)$", re.IGNORECASE)


def strip_generic_tail(text, label, known=frozenset()):
    """Drop a trailing generic head from a name when what is left still names the entity.

    Tasks lose "task(s)"/"problem(s)"; methods lose "model(s)", "architecture", ... only
    after a proper name ("U-DiT models" → "U-DiT"), so "diffusion model" stays. In a
    Title-Case phrase every word has a capital, so there the name must show one inside a
    word or a digit, or be among the folded names ``known``.

    >>> strip_generic_tail("U-DiT models", "Method"), strip_generic_tail("image recognition tasks", "Task")
    ('U-DiT', 'image recognition')
    >>> strip_generic_tail("diffusion model", "Method"), strip_generic_tail("MT task", "Task")
    ('diffusion model', 'MT')
    >>> strip_generic_tail("optimization problems", "Task"), strip_generic_tail("inverse problems", "Task")
    ('optimization', 'inverse problems')
    >>> strip_generic_tail("SemEval-2017 shared task", "Task")
    'SemEval-2017 shared task'
    >>> strip_generic_tail("Pre-trained Language Models", "Method"), strip_generic_tail("U-DiT Models", "Method")
    ('Pre-trained Language Models', 'U-DiT')
    >>> strip_generic_tail("Mamba Models", "Method"), strip_generic_tail("Mamba Models", "Method", known={"mamba"})
    ('Mamba Models', 'Mamba')
    >>> strip_generic_tail("Transformer-based models", "Method"), strip_generic_tail("Transformer language models", "Method")
    ('Transformer-based models', 'Transformer language models')
    >>> strip_generic_tail("the strong DALL-E 2 baseline", "Method")
    'the strong DALL-E 2'
    >>> strip_generic_tail("Language models", "Method"), strip_generic_tail("Swin models", "Method", known={"swin"})
    ('Language models', 'Swin')
    >>> strip_generic_tail("curriculum learning algorithm", "Method", known={"curriculum learning"})
    'curriculum learning'
    """
    if label == "Task":
        rest = _TASK_TAIL.sub("", text)
        if rest.lower().endswith(" shared"):
            return text  # "SemEval-2017 shared task": the event, named with its noun
        if text[len(rest):].strip().lower().startswith("problem") and not any(map(ACTION_WORD.search, rest.split())):
            return text  # "inverse problems", "geometric problems": no action noun is left to name the task
        return rest
    rest = _METHOD_TAIL.sub("", text)
    if rest == text:
        return text
    titled = text[len(rest):].strip()[:1].isupper()
    if titled and fold(rest) in known:
        return rest
    if _MODIFIER_END.search(rest):
        return text  # "Transformer-based models", "large pre-trained models": what is left only describes
    if titled:
        # a Title-Case phrase ("Pre-trained Language Models", "Diffusion Models"): only after a
        # name in ``known`` (above: "Mamba Models") or with a capital inside a word or a digit
        # ("U-DiT Models", "GPT-2 Models")
        if any(c.isdigit() for c in rest) or any(any(c.isupper() for c in w[1:]) for w in re.split(r"[\s\-]+", rest)):
            return rest
        return text
    words = rest.split()
    if len(words) == 1 and words[0][:1].isupper() and words[0][1:].islower() and fold(rest) not in known:
        return text  # one plain capitalised word is a sentence's first: "Language models play a role"
    if len(words) > 1 and fold(rest) in known:
        return rest  # a known method's name and a generic head: "curriculum learning algorithm"
    if any(c.isupper() or c.isdigit() for c in words[-1]):
        return rest  # the name comes right before the head: not "pretrained Transformer language models"
    return text


#: Greek letters spelled out for ids, which keep only ASCII: "α-VAE" is not VAE.
_GREEK_NAMES = str.maketrans(dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφχψω",
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma sigma tau "
    "upsilon phi chi psi omega".split())))


@functools.lru_cache(maxsize=1 << 16)
def entity_id(label, text):
    """The graph node id of an entity outside the gazetteer, from its label and name.

    >>> entity_id("Method", "Sequential Chunk-wise Optimizations")
    'method:sequential-chunk-wise-optimization'
    >>> entity_id("Method", "α-VAE"), entity_id("Method", "ε-greedy exploration")
    ('method:alpha-vae', 'method:epsilon-greedy-exploration')
    """
    if label == "Dataset":
        text = strip_type_noun(text)
    slug = slugify(fold(text).translate(_GREEK_NAMES), 80)
    if not slug:
        # names with no ASCII letters (Greek, CJK): keep them distinct and stable
        import hashlib

        slug = "x" + hashlib.sha1(fold(text).encode("utf-8")).hexdigest()[:12]
    return f"{label.lower()}:{slug}"
