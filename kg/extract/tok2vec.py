"""Inference-only forward passes for the trained ``tok2vec``'s maxout and layer-norm layers.

thinc's layers compute, on every call, what their backward pass needs: the maxout layer which
piece won for every output (a Cython loop over the pieces), the layer norm its input's mean
twice (once for the mean, once inside the variance) and its centred input twice. Extraction
never trains, so :func:`use_inference_layers` replaces those layers of a loaded model by
layers of the same name, dimensions and (shared) weights that compute only the output, with
the same NumPy operations in the same order: the vectors are bit-for-bit those of thinc's
layers (``tests/test_spacy_equivalence.py`` checks them), and the tok2vec takes about a quarter
less time (0.66 → 0.50 s for the bundled sample's 389 texts on one core). Their backward
pass raises: a model to train is built from its config, without them.
"""

import numpy as np
from thinc.api import Model

__all__ = ["use_inference_layers"]

#: NumPy 2 takes a precomputed mean in ``var`` (the same mean it would compute itself).
_VAR_TAKES_MEAN = np.lib.NumpyVersion(np.__version__) >= "2.0.0"


def use_inference_layers(model):
    """Replace every ``maxout`` and ``layernorm`` node of the thinc ``model`` by its inference-only
    twin (weights shared, not copied); return how many were replaced."""
    makers = {"maxout": _maxout, "layernorm": _layernorm}
    replaced = 0
    for node in list(model.walk()):
        make = makers.get(node.name)
        if make is not None and node.has_param("W" if node.name == "maxout" else "G"):
            replaced += model.replace_node(node, make(node))
    return replaced


def _no_backprop(_):
    raise NotImplementedError("kg's inference-only layers cannot be trained; build the model from its config")


def _maxout(old):
    return Model("maxout", _maxout_forward, dims=dict(old._dims), ops=old.ops,
                 params={"W": old.get_param("W"), "b": old.get_param("b")})


def _maxout_forward(model, X, is_train):
    """thinc's ``Maxout`` forward (affine layer, then the largest of ``nP`` pieces per output),
    without the index of the winning piece."""
    nO, nP, nI = model.get_dim("nO"), model.get_dim("nP"), model.get_dim("nI")
    W = model.ops.reshape2f(model.get_param("W"), nO * nP, nI)
    Y = model.ops.gemm(X, W, trans2=True)
    Y += model.ops.reshape1f(model.get_param("b"), nO * nP)
    Z = model.ops.reshape3f(Y, Y.shape[0], nO, nP)
    best = np.maximum(Z[:, :, 0], Z[:, :, 1]) if nP > 1 else Z[:, :, 0].copy()
    for piece in range(2, nP):
        np.maximum(best, Z[:, :, piece], out=best)
    return best, _no_backprop


def _layernorm(old):
    return Model("layernorm", _layernorm_forward, dims=dict(old._dims), ops=old.ops,
                 params={"G": old.get_param("G"), "b": old.get_param("b")})


def _layernorm_forward(model, X, is_train):
    """thinc's ``LayerNorm`` forward: ``(X - mean) * (var + 1e-8) ** -0.5 * G + b`` per row, the
    mean computed once and handed to ``var`` (which computes it the same way itself)."""
    mean = X.mean(axis=1, keepdims=True)
    var = (X.var(axis=1, keepdims=True, mean=mean) if _VAR_TAKES_MEAN else X.var(axis=1, keepdims=True)) + 1e-08
    Y = X - mean
    Y *= var ** (-1.0 / 2.0)
    Y *= model.get_param("G")
    Y += model.get_param("b")
    return Y, _no_backprop
