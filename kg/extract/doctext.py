"""The text of a doc, built once per doc: ``Doc.text`` joins every token on each call."""

__all__ = ["doc_text"]

_KEY = "kg_text"


def doc_text(doc):
    """``doc.text``, cached in ``doc.user_data`` (no component of the pipeline retokenizes a doc)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
