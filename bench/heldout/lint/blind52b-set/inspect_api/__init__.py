"""Defect inspection API of a bottling line: ONNX and torch models behind FastAPI, tracked with MLflow and Comet."""
