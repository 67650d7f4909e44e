"""Cheap views of a Doc that several components need: its text, and the tokens that are a given string.

``Doc.text`` joins every token (creating a Python object for each) on every access, and a
``for tok in doc`` loop does the same: these helpers look at the text instead, once per doc.
"""

__all__ = ["FIELD_SEPARATOR", "doc_text", "make_doc", "make_paper_doc", "shown_text", "title_length", "tokens_equal",
           "unshouted"]

#: What joins a paper's title and abstract into the text of its doc.
FIELD_SEPARATOR = "\n\n"
_TEXT_KEY = "kg_text"
_TITLE_LEN_KEY = "kg_title_len"
_SHOWN_KEY = "kg_shown_text"
_DROP_ASCII_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")
#: Hyphens read as "-" (one character for one: offsets keep).
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


def doc_text(doc):
    """``doc.text``, computed once per doc (a doc's text never changes once it is tokenised).

    >>> import spacy
    >>> doc = spacy.blank("en")("A U-Net (UNet).")
    >>> doc_text(doc) == doc.text
    True
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def make_doc(nlp, text):
    """``nlp.make_doc(text)``, remembering ``text`` as the doc's text (spaCy's tokenizer keeps every
    character, so ``doc.text == text``) rather than joining the tokens again at the first
    :func:`doc_text`."""
    doc = nlp.make_doc(text)
    doc.user_data[_TEXT_KEY] = text
    return doc


def make_paper_doc(nlp, title, abstract):
    """The (not yet processed) doc of one paper: title, :data:`FIELD_SEPARATOR`, abstract.

    The doc remembers where the title ends (:func:`title_length`), which the text alone does
    not say when the title itself holds a blank line. A field written in capitals throughout is
    read in lower case (:func:`unshouted`), Unicode's hyphens (U+2010, and U+2011 that does not
    break) are read as "-", which the tokenizer splits and the gazetteer's names hold
    ("Transformer‐XL"), and the doc keeps the text as given for the mentions
    (:func:`shown_text`): every word of a shouted text looks like an acronym or a name.
    """
    shown = title + FIELD_SEPARATOR + abstract
    read = unshouted(title) + FIELD_SEPARATOR + unshouted(abstract)
    if "\u2010" in read or "\u2011" in read:
        read = read.translate(_HYPHENS)
    doc = make_doc(nlp, read)
    doc.user_data[_TITLE_LEN_KEY] = len(title)
    if read != shown:
        doc.user_data[_SHOWN_KEY] = shown
    return doc


def unshouted(text):
    """``text`` in lower case if it is written in capitals (four letters in five or more, and at
    least three words of letters); else ``text`` itself. Offsets keep: a capital whose lower case
    is longer ("İ") stays as it is.

    >>> unshouted("ON THE ROBUSTNESS OF WATERMARKS FOR LLMS")
    'on the robustness of watermarks for llms'
    >>> unshouted("BERT: Pre-training of Deep Bidirectional Transformers"), unshouted("GPT-4 AND ME")
    ('BERT: Pre-training of Deep Bidirectional Transformers', 'GPT-4 AND ME')
    """
    if 5 * (len(text) - len(text.translate(_DROP_ASCII_LOWER))) > len(text):
        return text  # a fifth of the characters are lower-case letters: ordinary text (the fast answer)
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 12 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    if sum(any(c.isalpha() for c in w) for w in text.split()) < 3:
        return text
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def shown_text(doc):
    """The paper's text as given (see :func:`make_paper_doc`): the mentions' words come from it."""
    return doc.user_data.get(_SHOWN_KEY) or doc_text(doc)


def title_length(doc):
    """Where the title of a paper's doc ends: as :func:`make_paper_doc` recorded it, else at the
    first blank line (a doc made from the joined text), else None (no title)."""
    known = doc.user_data.get(_TITLE_LEN_KEY)
    if known is not None:
        return known
    cut = doc_text(doc).find(FIELD_SEPARATOR)
    return cut if cut >= 0 else None


def tokens_equal(doc, string, text=None):
    """Indices, in order, of the tokens of ``doc`` whose text is exactly ``string``.

    >>> import spacy
    >>> doc = spacy.blank("en")("SeCO beats SeCOs and (SeCO) but not xSeCO.")
    >>> [doc[i].text for i in tokens_equal(doc, "SeCO")], tokens_equal(doc, "(")
    (['SeCO', 'SeCO'], [4])
    """
    text = doc_text(doc) if text is None else text
    out = []
    n = len(string)
    at = text.find(string)
    while at >= 0 and n:
        span = doc.char_span(at, at + n)  # None unless the string is whole tokens
        if span is not None and len(span) == 1:
            out.append(span.start)
        at = text.find(string, at + 1)
    return out
