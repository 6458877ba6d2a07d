"""Model loading, kept apart from the request path."""
from __future__ import annotations

import functools
import os

import mlflow
import numpy as np
import onnxruntime as ort
import torch
from roboflow import Roboflow

MODEL_URI = os.environ.get("MODEL_URI", "models:/bottle-defects/Production")


@functools.lru_cache(maxsize=1)
def onnx_session(path: str = "/models/defects.onnx") -> ort.InferenceSession:  # expect: clean
    return ort.InferenceSession(path, providers=["CPUExecutionProvider"])


def load_torch(path: str = "/models/cap_seal.pt") -> torch.nn.Module:  # expect: clean
    model = torch.jit.load(path, map_location="cpu")
    model.eval()
    return model


def roboflow_model(version: int = 3):  # expect: clean
    project = Roboflow(api_key=os.environ["ROBOFLOW_KEY"]).workspace("bottling").project("labels")
    return project.version(version).model


class ModelHub:  # expect: clean
    """What the handlers reach the models through."""

    def __init__(self) -> None:
        self._cap: torch.nn.Module | None = None

    @property
    def defects(self) -> ort.InferenceSession:
        return onnx_session()

    @property
    def cap_seal(self) -> torch.nn.Module:
        if self._cap is None:
            self._cap = load_torch()
        return self._cap

    def score_defects(self, pixels: np.ndarray) -> np.ndarray:
        return self.defects.run(None, {"images": pixels})[0]


def pyfunc_model():  # expect: clean
    return mlflow.pyfunc.load_model(MODEL_URI)
