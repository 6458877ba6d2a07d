"""An image-understanding API: ONNX classifiers, a captioning pipeline and text embeddings behind one registry."""
from .models import (
    Embedder,
    ModelRegistry,
    Scorer,
    load_captioner,
    load_session,
    load_text_encoder,
)
from .locks import registry_guard, warmup_lock

__all__ = [
    "Embedder",
    "ModelRegistry",
    "Scorer",
    "load_captioner",
    "load_session",
    "load_text_encoder",
    "registry_guard",
    "warmup_lock",
]
