"""A training-jobs API: experiment tracking, data versions and labelling projects behind async endpoints."""
from __future__ import annotations

import asyncio
from typing import Any

import dvc.api
import mlflow
import wandb
from clearml import Task
from label_studio_sdk import Client as LabelStudio


async def start_run(project: str, config: dict[str, Any]) -> str:  # expect: blocking-call
    run = wandb.init(project=project, config=config)
    return run.id


async def log_step(run: Any, step: int, loss: float) -> None:  # expect: clean  # near: blocking-call
    wandb.log({"loss": loss}, step=step)


async def log_metric(name: str, value: float, step: int) -> None:  # expect: blocking-call
    mlflow.log_metric(name, value, step=step)


async def log_params(params: dict[str, Any]) -> None:  # expect: blocking-call
    mlflow.log_params(params)


async def register(run_id: str, name: str) -> Any:  # expect: blocking-call
    return mlflow.register_model(f"runs:/{run_id}/model", name)


async def log_metric_offloaded(name: str, value: float) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(mlflow.log_metric, name, value)


async def clearml_task(project: str, name: str) -> str:  # expect: blocking-call
    task = Task.init(project_name=project, task_name=name)
    return task.id


async def dataset_bytes(path: str, repo: str, rev: str) -> bytes:  # expect: blocking-call
    return dvc.api.read(path, repo=repo, rev=rev, mode="rb")


async def labelling_tasks(ls: LabelStudio, project_id: int) -> list[dict[str, Any]]:  # expect: blocking-call
    return ls.get_project(project_id).get_tasks()
